// A guided lesson: a list of steps, each a scenario to load, a view to show,
// and the moments to pause at with a caption. Captions carry the run's own
// numbers through placeholders: {polling.requests}, {sse.latencyMs.mean},
// {streaming.media.timeToFirstChunkMs}, {scenario.server.updateRateHz}. A
// teacher writes one as JSON (docs: README, "Lessons"); it is checked here
// with zod, and every refusal names the step, the field and what is allowed.
// Pure: no DOM, tested in tests/ui/lesson/lesson.test.ts.

import { z } from 'zod';
import { KEY_INDEX, parseValue, TECHNIQUES, type RunOutput, type TechniqueId } from '../../sim';
import { CHART_IDS, MAX_SPEED, MIN_SPEED, VIEWS, type ChartId, type ViewId } from '../view-ids';

/** When a step pauses: at a time (real ms) or at a moment found in the run. */
export type Moment = number | 'first-update' | 'first-delivery' | 'first-upstream' | 'end';

export interface Pause {
  at: Moment;
  caption: string;
}

export interface LessonStep {
  title: string;
  /** Scenario keys (dotted) over the defaults. */
  scenario: Record<string, number | string>;
  view: ViewId;
  /** The Focus view's technique, and the one first-delivery looks at. */
  technique: TechniqueId;
  /** Techniques shown in Compare. */
  techniques: TechniqueId[];
  /** Shown when the step starts, before the first pause. */
  intro: string;
  pauses: Pause[];
  /** Playback speed the step starts at (lesson time x speed). */
  speed: number;
  /** In the Charts view, the chart the step is about: shown first. */
  chart?: ChartId;
}

export interface Lesson {
  title: string;
  steps: LessonStep[];
}

const MOMENTS = ['first-update', 'first-delivery', 'first-upstream', 'end'] as const;
const technique = z.enum(TECHNIQUES as unknown as [TechniqueId, ...TechniqueId[]]);
const text = (max: number) => z.string().min(1).max(max);

const stepSchema = z
  .object({
    title: text(120),
    scenario: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
    view: z.enum(VIEWS.map((v) => v.id) as [ViewId, ...ViewId[]]).default('compare'),
    technique: technique.optional(),
    techniques: z.array(technique).min(1).max(5).optional(),
    intro: text(400).optional(),
    speed: z.number().min(MIN_SPEED).max(MAX_SPEED).default(1),
    chart: z.enum(CHART_IDS).optional(),
    pauses: z
      .array(z.object({ at: z.union([z.number().min(0), z.enum(MOMENTS)]), caption: text(400) }).strict())
      .max(20)
      .default([]),
  })
  .strict();

const lessonSchema = z.object({ title: text(120), steps: z.array(stepSchema).min(1).max(30) }).strict();

export class LessonError extends Error {
  override name = 'LessonError';
}

/** A zod issue path as a reader would say it: steps[2].pauses[0].caption -> step 3, pauses[0].caption. */
function where(path: readonly PropertyKey[]): string {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const rest = path.slice(2).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return `step ${path[1] + 1}${rest ? `, ${rest}` : ''}`;
  }
  return path.map(String).join('.') || 'the lesson';
}

/** Check a lesson (parsed JSON); throws LessonError naming the step and field. */
export function parseLesson(input: unknown): Lesson {
  const r = lessonSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new LessonError(`lesson: ${where(i.path)}: ${i.message}`);
  }
  const steps = r.data.steps.map((s, k): LessonStep => {
    const scenario: Record<string, number | string> = {};
    for (const [key, v] of Object.entries(s.scenario)) {
      if (!KEY_INDEX.has(key)) throw new LessonError(`lesson: step ${k + 1}, scenario: unknown key '${key.slice(0, 60)}'`);
      try {
        scenario[key] = parseValue(key, String(v));
      } catch (e) {
        throw new LessonError(`lesson: step ${k + 1}, ${(e as Error).message}`);
      }
    }
    const techniques = s.techniques ? TECHNIQUES.filter((t) => s.techniques!.includes(t)) : [...TECHNIQUES];
    return { title: s.title, scenario, view: s.view, technique: s.technique ?? techniques[0], techniques, intro: s.intro ?? '', pauses: s.pauses, speed: s.speed, ...(s.chart ? { chart: s.chart } : {}) };
  });
  return { title: r.data.title, steps };
}

/** Read a value from the run by a dotted path: "polling.requests", "scenario.clients". */
function lookup(out: RunOutput, path: string): unknown {
  const [head, ...rest] = path.split('.');
  let v: unknown = head === 'scenario' ? out.scenario : out.results[head as TechniqueId];
  for (const p of rest) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

function format(v: unknown): string | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v < 10 ? (Math.round(v * 10) / 10).toLocaleString('en-US') : Math.round(v).toLocaleString('en-US');
  if (typeof v === 'string') return v;
  return null;
}

/** A caption with its {placeholders} filled from the run; an unknown one is left visible as "{?name}". */
export function fillCaption(template: string, out: RunOutput): string {
  return template.replace(/\{([a-zA-Z0-9.-]+)\}/g, (_, path: string) => format(lookup(out, path)) ?? `{?${path}}`);
}

/** The placeholders of a caption that the run cannot fill (for a teacher checking a lesson). */
export function unknownPlaceholders(template: string, out: RunOutput): string[] {
  return [...template.matchAll(/\{([a-zA-Z0-9.-]+)\}/g)].map((m) => m[1]).filter((p) => format(lookup(out, p)) === null);
}

/** The real time of a moment in this run (null when the run has no such moment). */
export function momentMs(at: Moment, out: RunOutput, techniqueId: TechniqueId): number | null {
  if (typeof at === 'number') return Math.min(at, out.scenario.durationMs);
  if (at === 'end') return out.scenario.durationMs;
  const trace = out.results[techniqueId]?.trace;
  if (!trace) return null;
  if (at === 'first-update') return trace.updatesMs[0] ?? null;
  if (at === 'first-upstream') {
    // The client's own first message leaving (a POST's body or a WebSocket frame carries payload upstream).
    const up = trace.packets.filter((p) => p.dir === 'up' && p.payload > 0).sort((a, b) => a.sendMs - b.sendMs)[0];
    return up ? up.sendMs : null;
  }
  let first: number | null = null;
  for (const p of trace.packets) if (p.dir === 'down' && p.messages.length > 0 && p.arriveMs !== null && (first === null || p.arriveMs < first)) first = p.arriveMs;
  return first;
}

/** The pauses of a step in time order, resolved against the run (moments the run lacks are dropped). */
export function pauseTimes(step: LessonStep, out: RunOutput): { atMs: number; caption: string }[] {
  return step.pauses
    .map((p) => ({ atMs: momentMs(p.at, out, step.technique), caption: fillCaption(p.caption, out) }))
    .filter((p): p is { atMs: number; caption: string } => p.atMs !== null)
    .sort((a, b) => a.atMs - b.atMs);
}
