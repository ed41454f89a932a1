// Runs a guided lesson on the page's store: entering a step loads its
// scenario, view and techniques, and plays it in lesson time once its
// results are in; playback pauses at each of the step's moments and shows
// its caption; next and back move between steps (N / P). What a link needs
// (the lesson and the step) lives in the store (AppState.lessonRun); the
// caption and the pause bookkeeping live here.

import { TECHNIQUES } from '../../sim';
import { defaultValues, type AppState } from '../state.svelte';
import { BUILTIN_LESSON, BUILTIN_LESSON_ID } from './builtin';
import { fillCaption, pauseTimes, type Lesson, type LessonStep } from './lesson';

export class LessonController {
  caption = $state('');
  /** Which pause the caption belongs to (-1: the step's introduction). */
  pauseIndex = $state(-1);
  /** The step's results are not in yet: start playing when they are. */
  private pending = false;
  private lastT = 0;

  constructor(private readonly app: AppState) {}

  get step(): LessonStep | null {
    const run = this.app.lessonRun;
    return run ? run.lesson.steps[run.step] : null;
  }

  /** Start a lesson at step `index` (clamped). */
  start(source: string, lesson: Lesson, index = 0): void {
    this.app.lessonRun = { source, lesson, step: 0 };
    this.go(index);
  }

  startBuiltin(index = 0): void {
    this.start(BUILTIN_LESSON_ID, BUILTIN_LESSON, index);
  }

  /** Show step `index`: its scenario over the defaults, its view and techniques, the playhead at 0. */
  go(index: number): void {
    const run = this.app.lessonRun;
    if (!run) return;
    const i = Math.max(0, Math.min(run.lesson.steps.length - 1, Math.round(index)));
    this.app.lessonRun = { ...run, step: i };
    const st = run.lesson.steps[i];
    const app = this.app;
    app.playing = false;
    app.values = { ...defaultValues(), ...st.scenario };
    app.view = st.view;
    app.focus = st.technique;
    app.shown = st.techniques.length > 0 ? [...st.techniques] : [...TECHNIQUES];
    app.timeMode = 'lesson';
    app.setSpeed(st.speed);
    app.selectedPacket = null;
    app.highlight = null;
    app.playheadMs = 0;
    this.lastT = 0;
    this.pauseIndex = -1;
    this.caption = st.intro;
    this.pending = true;
  }

  next(): void {
    const run = this.app.lessonRun;
    if (run) this.go(run.step + 1);
  }

  back(): void {
    const run = this.app.lessonRun;
    if (run) this.go(run.step - 1);
  }

  exit(): void {
    this.app.lessonRun = null;
    this.caption = '';
    this.pending = false;
  }

  /**
   * Called whenever the playhead or the results change: starts the step once
   * its own results are in, and stops playback at the next pause it crosses.
   */
  tick(): void {
    const app = this.app;
    const st = this.step;
    const out = app.output;
    if (!st || !out || JSON.stringify(out.scenario) !== JSON.stringify(app.scenario)) return;
    if (this.pending) {
      this.pending = false;
      this.caption = fillCaption(st.intro, out);
      this.lastT = app.playheadMs;
      if (st.view !== 'sweep') app.playing = true;
      return;
    }
    const t = app.playheadMs;
    const pauses = pauseTimes(st, out);
    if (t < this.lastT) {
      // Moved back (a scrub, a step back): the pauses after it will stop playback again.
      this.lastT = t;
      return;
    }
    const k = pauses.findIndex((p) => p.atMs > this.lastT && p.atMs <= t);
    this.lastT = t;
    if (k < 0) return;
    // Crossed a pause: its caption; playing, playback stops there (the end of the run stops it anyway).
    this.pauseIndex = k;
    this.caption = pauses[k].caption;
    if (app.playing) {
      app.playheadMs = pauses[k].atMs;
      this.lastT = pauses[k].atMs;
      app.playing = false;
    }
  }
}
