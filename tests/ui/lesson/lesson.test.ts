// Guided lessons (src/app/lesson, issue 8): a teacher's lesson is checked
// with messages that name the step and the field; captions are filled from
// the run's own numbers; moments are found in the run; the controller
// plays a step, stops at each moment with its caption, and moves between
// steps. The built-in lesson's claims hold on its own runs.
import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate } from '../../../src/sim';
import { fillCaption, LessonError, momentMs, parseLesson, pauseTimes, unknownPlaceholders } from '../../../src/app/lesson/lesson';
import { BUILTIN_LESSON, lessonFrom } from '../../../src/app/lesson/builtin';
import { LessonController } from '../../../src/app/lesson/controller.svelte';
import { AppState } from '../../../src/app/state.svelte';

const run = () => simulate(resolveScenario({ durationMs: 20000, streaming: { mediaBytes: 0 } }), undefined, { traceClients: 1 });

function refused(input: unknown): string {
  try {
    parseLesson(input);
  } catch (e) {
    expect(e).toBeInstanceOf(LessonError);
    return (e as Error).message;
  }
  throw new Error('accepted');
}

describe('lesson files', () => {
  it('accept a minimal lesson, filling the defaults', () => {
    const l = parseLesson({ title: 'Mine', steps: [{ title: 'One', pauses: [{ at: 1500, caption: 'Look' }] }] });
    expect(l.steps[0].view).toBe('compare');
    expect(l.steps[0].techniques).toHaveLength(5);
    expect(l.steps[0].technique).toBe('polling');
    expect(l.steps[0].speed).toBe(1);
    expect(l.steps[0].chart).toBeUndefined();
    expect(parseLesson({ title: 'Mine', steps: [{ title: 'One', view: 'charts', chart: 'media' }] }).steps[0].chart).toBe('media');
  });

  it('refuse bad input naming the step and the field', () => {
    expect(refused({ title: 'x', steps: [] })).toMatch(/^lesson: steps: /);
    expect(refused({ title: 'x', steps: [{ title: 'a' }, { title: 'b', view: 'pie' }] })).toMatch(/^lesson: step 2, view: /);
    expect(refused({ title: 'x', steps: [{ title: 'a', pauses: [{ at: -1, caption: 'c' }] }] })).toMatch(/^lesson: step 1, pauses\[0\]\.at: /);
    expect(refused({ title: 'x', steps: [{ title: 'a', scenario: { 'network.latncyMs': 5 } }] })).toBe("lesson: step 1, scenario: unknown key 'network.latncyMs'");
    expect(refused({ title: 'x', steps: [{ title: 'a', scenario: { clients: 2.5 } }] })).toMatch(/^lesson: step 1, scenario key 'clients': .*not an integer/);
    expect(refused({ title: 'x', steps: [{ title: 'a', bogus: 1 }] })).toMatch(/^lesson: step 1/);
    expect(refused({ title: 'x', steps: [{ title: 'a', chart: 'pie' }] })).toMatch(/^lesson: step 1, chart: .*media/);
    expect(() => lessonFrom('{not json')).toThrow(/not 'intro' and not a lesson in JSON/);
  });
});

describe('captions and moments', () => {
  it('fill placeholders from the run and show unknown ones', () => {
    const out = run();
    expect(fillCaption('{polling.requests} polls, {scenario.durationMs} ms', out)).toBe(`${out.results.polling!.requests} polls, 20,000 ms`);
    expect(fillCaption('{sse.latencyMs.mean}', out)).toBe(String(Math.round(out.results.sse!.latencyMs.mean!)));
    expect(fillCaption('{polling.nothing}', out)).toBe('{?polling.nothing}');
    expect(unknownPlaceholders('{polling.nothing} {sse.requests}', out)).toEqual(['polling.nothing']);
  });

  it('find moments in the run', () => {
    const out = run();
    const tr = out.results.polling!.trace!;
    expect(momentMs('first-update', out, 'polling')).toBe(tr.updatesMs[0]);
    const firstDelivery = momentMs('first-delivery', out, 'polling')!;
    expect(firstDelivery).toBeGreaterThan(tr.updatesMs[0]);
    expect(tr.packets.some((p) => p.arriveMs === firstDelivery && p.messages.length > 0)).toBe(true);
    expect(momentMs('end', out, 'sse')).toBe(20000);
    expect(momentMs(99999, out, 'sse')).toBe(20000);
  });

  it('the built-in lesson: every caption fills from its step\'s run, every pause is found, and its claims hold', () => {
    for (const st of BUILTIN_LESSON.steps) {
      const out = simulate(resolveScenario({}, Object.entries(st.scenario).map(([k, v]) => [k, String(v)])), undefined, { traceClients: 1 });
      for (const p of st.pauses) expect(unknownPlaceholders(p.caption, out), `${st.title}: ${p.caption}`).toEqual([]);
      expect(unknownPlaceholders(st.intro, out)).toEqual([]);
      expect(pauseTimes(st, out)).toHaveLength(st.pauses.length);
      const r = out.results;
      if (st.title.startsWith('Polling')) expect(r.polling!.emptyResponses).toBeGreaterThan(r.polling!.responses / 2);
      if (st.title.startsWith('Long polling')) expect(r['long-polling']!.requests).toBeLessThan(r.polling!.requests);
      if (st.title.startsWith('Server-Sent')) expect(r.sse!.requests).toBe(1);
      if (st.title.startsWith('WebSocket')) expect(r.websocket!.requests).toBeLessThan(r.sse!.requests);
      if (st.title.startsWith('Streaming')) expect(r.streaming!.media!.startupMs).toBeLessThan(r.streaming!.media!.downloadFirst.startupMs);
    }
  });
});

describe('the lesson controller', () => {
  it('loads a step, starts playing once its results are in, stops at each moment with its caption, and moves between steps', () => {
    const app = new AppState();
    const c = new LessonController(app);
    c.startBuiltin(0);
    const st = BUILTIN_LESSON.steps[0];
    expect(app.values.durationMs).toBe(12000);
    expect(app.shown).toEqual(['polling']);
    expect(app.speed).toBe(2);
    expect(c.caption).toBe(st.intro);
    // Results for another scenario do not start it.
    app.setOutput(simulate(resolveScenario({}), undefined, { traceClients: 1 }));
    c.tick();
    expect(app.playing).toBe(false);
    app.setOutput(simulate(app.scenario, undefined, { traceClients: 1 }));
    c.tick();
    expect(app.playing).toBe(true);
    const pauses = pauseTimes(st, app.output!);
    // The playhead crosses the first moment: stopped exactly there, its caption shown.
    app.playheadMs = pauses[0].atMs + 37;
    c.tick();
    expect(app.playing).toBe(false);
    expect(app.playheadMs).toBe(pauses[0].atMs);
    expect(c.caption).toBe(pauses[0].caption);
    expect(c.pauseIndex).toBe(0);
    // Play on: the next moment.
    app.playing = true;
    app.playheadMs = pauses[1].atMs + 1;
    c.tick();
    expect(c.caption).toBe(pauses[1].caption);
    // The end of the run stops playback itself; its caption still shows.
    app.playing = false;
    app.playheadMs = app.durationMs;
    c.tick();
    expect(c.caption).toBe(pauses[2].caption);
    c.next();
    expect(app.lessonRun!.step).toBe(1);
    expect(app.shown).toEqual(['polling', 'long-polling']);
    expect(app.playheadMs).toBe(0);
    c.back();
    c.back();
    expect(app.lessonRun!.step).toBe(0);
    c.exit();
    expect(app.lessonRun).toBeNull();
  });
});
