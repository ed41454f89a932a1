// The page's one store: the scenario the user set, the view, the playhead and
// the latest results. Everything a link will need to reproduce a view lives
// here (issue 4 syncs it with the URL), and every component reads and writes
// this object rather than keeping copies.

import { defaultValues, nest, TECHNIQUES, type PacketKind, type RunOutput, type Scenario, type TechniqueId } from '../sim';
import type { ComputeStatus } from './compute/runner';
import { buildIndex, type TraceIndex } from '../viz/trace-index';
import { eventTimes } from '../viz/timeline';
import { lessonTime, type LessonTime } from '../viz/lesson-time';
import { buildJourneys, type Journeys } from '../viz/update-journeys';
import type { Lesson } from './lesson/lesson';

export interface LessonRun {
  /** 'intro' (the built-in lesson) or the lesson's JSON text, as a link carries it. */
  source: string;
  lesson: Lesson;
  /** Index of the step shown (0-based; links count from 1). */
  step: number;
}
import { defaultEmbed, type EmbedOptions, type Issue } from './url/codec';

import { MAX_SPEED, MIN_SPEED, type TimeMode, type ViewId } from './view-ids';
export { MAX_SPEED, MIN_SPEED, VIEWS, type TimeMode, type ViewId } from './view-ids';

export { defaultValues } from '../sim';

export class AppState {
  /** Valid value of every scenario key (dotted); inputs with errors leave the last valid value here. */
  values = $state<Record<string, number | string>>(defaultValues());
  view = $state<ViewId>('compare');
  focus = $state<TechniqueId>('sse');
  /** Techniques shown in Compare (all five by default). */
  shown = $state<TechniqueId[]>([...TECHNIQUES]);
  playheadMs = $state(0);
  playing = $state(false);
  speed = $state(1);
  /** Which clock playback runs on; the playhead and the clock display are always real (simulated) time. */
  timeMode = $state<TimeMode>('lesson');
  /** Packet selected in the Focus view's inspector (trace packet id). */
  selectedPacket = $state<number | null>(null);
  /** Lane highlighted in Compare (keys 1-5), if any. */
  highlight = $state<TechniqueId | null>(null);
  /** Embed mode and its options (from the URL: embed, autoplay, loop, controls). */
  embed = $state<EmbedOptions>(defaultEmbed());
  /** Bad URL parameters, shown in a notice until dismissed. */
  urlIssues = $state<Issue[]>([]);
  /** The guided lesson being followed (src/app/lesson): where it came from (a built-in id or JSON text), its steps, the step shown. */
  lessonRun = $state.raw<LessonRun | null>(null);
  /** Latest complete results; replaced whole, never mutated (large arrays: $state.raw). */
  output = $state.raw<RunOutput | null>(null);
  status = $state.raw<ComputeStatus>({ computing: false, mode: 'sync', done: 0, total: 5, lastMs: 0, error: null });

  // A throwaway Map for nest(), never kept or mutated: no need for SvelteMap.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  scenario: Scenario = $derived(nest(new Map(Object.entries(this.values))));
  durationMs = $derived(this.output?.scenario.durationMs ?? this.scenario.durationMs);
  /** Per technique, the trace indexed for per-frame queries (rebuilt only when results change). */
  indexes: Partial<Record<TechniqueId, TraceIndex>> = $derived(indexAll(this.output));
  /** Per technique, each traced client's updates from the server to their arrival (the server's side of the lanes). */
  journeys: Partial<Record<TechniqueId, Journeys>> = $derived(journeysAll(this.output));


  /** Techniques on screen: the focused one in Focus, the shown ones elsewhere. */
  onScreen: TechniqueId[] = $derived(this.view === 'focus' ? [this.focus] : this.shown);

  /** Packet kinds in the traces on screen: the legend lists only these. */
  kindsOnScreen: ReadonlySet<PacketKind> = $derived.by(() => {
    const res = this.output?.results;
    // Built here and replaced whole, never mutated afterwards: no need for SvelteSet.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const kinds = new Set<PacketKind>();
    if (res) for (const id of this.onScreen) for (const p of res[id]?.trace?.packets ?? []) kinds.add(p.kind);
    return kinds;
  });

  /** The lesson clock of what is on screen (rebuilt when results or the techniques on screen change). */
  lesson: LessonTime = $derived.by(() => {
    const res = this.output?.results;
    const traces = res ? this.onScreen.map((id) => res[id]?.trace) : [];
    return lessonTime(traces, this.durationMs, Math.max(1, this.output?.scenario.network.latencyMs ?? 50));
  });

  /**
   * How long (real ms) a mark stays on screen (an update made, an update
   * arrived): about 0.7 s of watching, whatever the clock and the speed.
   */
  markMs: number = $derived((700 * this.speed) / (this.timeMode === 'lesson' ? this.lesson.factor : 1));

  /** Distinct event times of what is on screen (the focused technique in Focus, the shown ones elsewhere): what steps go through. */
  eventTimes: Float64Array = $derived.by(() => {
    const res = this.output?.results;
    if (!res) return new Float64Array();
    return eventTimes(this.onScreen.map((id) => res[id]?.trace));
  });

  setValue(key: string, value: number | string): void {
    this.values[key] = value;
  }

  setValues(patch: Record<string, number | string>): void {
    for (const [k, v] of Object.entries(patch)) this.values[k] = v;
  }

  /** New results keep the playhead where it was (clamped to the new duration). */
  setOutput(out: RunOutput): void {
    this.output = out;
    if (this.playheadMs > out.scenario.durationMs) this.playheadMs = out.scenario.durationMs;
  }

  seek(ms: number): void {
    this.playheadMs = Math.min(this.durationMs, Math.max(0, ms));
  }

  setSpeed(x: number): void {
    this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, x));
  }

  reset(): void {
    this.playing = false;
    this.playheadMs = 0;
  }
}

function journeysAll(out: RunOutput | null): Partial<Record<TechniqueId, Journeys>> {
  const j: Partial<Record<TechniqueId, Journeys>> = {};
  if (!out) return j;
  for (const id of TECHNIQUES) {
    const tr = out.results[id]?.trace;
    if (tr) j[id] = buildJourneys(tr);
  }
  return j;
}

function indexAll(out: RunOutput | null): Partial<Record<TechniqueId, TraceIndex>> {
  const ix: Partial<Record<TechniqueId, TraceIndex>> = {};
  if (!out) return ix;
  for (const id of TECHNIQUES) {
    const tr = out.results[id]?.trace;
    // A dropped packet vanishes after about one trip.
    if (tr) ix[id] = buildIndex(tr, Math.max(1, out.scenario.network.latencyMs));
  }
  return ix;
}
