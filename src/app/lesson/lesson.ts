// A guided lesson: a list of steps, each a scenario to load, a view to show,
// and the moments to pause at with a caption. Captions carry the run's own
// numbers through placeholders: {polling.requests}, {sse.latencyMs.mean},
// {streaming.media.timeToFirstChunkMs}, {scenario.server.updateRateHz}. A
// teacher writes one as JSON (docs: README, "Lessons"); it is checked here
// field by field (./check.ts), and every refusal names the step, the field
// and what is allowed.
// Pure: no DOM, tested in tests/ui/lesson/lesson.test.ts.

import { KEY_INDEX, TECHNIQUES, type RunOutput, type TechniqueId } from '../../sim';
// The checker straight from its module, not through src/sim's index: the first visit's chunks then never load it (../controls/typed-value.ts).
import { parseValue } from '../../sim/scenario/validate';
import { array, invalid, isNumber, Issue, items, number, object, oneOf, onlyKeys, record, string, type Path } from './check';
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
const VIEW_IDS = VIEWS.map((v) => v.id);

/** A step as written, its defaults filled in, before its scenario is checked against the keys. */
interface StepInput extends Omit<LessonStep, 'technique' | 'techniques' | 'intro'> {
  technique?: TechniqueId;
  techniques?: TechniqueId[];
  intro?: string;
}

const STEP_FIELDS = ['title', 'scenario', 'view', 'technique', 'techniques', 'intro', 'speed', 'chart', 'pauses'];
const text = (v: unknown, path: Path, max: number) => string(v, path, 1, max);
const technique = (v: unknown, path: Path) => oneOf(v, path, TECHNIQUES as readonly TechniqueId[]);
/** An optional field: absent (or undefined) gives the fallback. */
const opt = <T, F>(v: unknown, check: (v: unknown) => T, fallback: F): T | F => (v === undefined ? fallback : check(v));

/** A time (0 or more) or a named moment; a number below 0 says so, anything else is no option. */
function moment(v: unknown, path: Path): Moment {
  if (isNumber(v)) return number(v, path, 0);
  if (typeof v === 'string' && (MOMENTS as readonly string[]).includes(v)) return v as Moment;
  throw invalid(path);
}

function pause(v: unknown, path: Path): Pause {
  const o = object(v, path);
  const at = moment(o.at, [...path, 'at']);
  const caption = text(o.caption, [...path, 'caption'], 400);
  onlyKeys(o, ['at', 'caption'], path);
  return { at, caption };
}

function scenarioOf(v: unknown, path: Path): Record<string, number | string> {
  const o = record(v, path);
  const out: Record<string, number | string> = {};
  for (const key of Object.keys(o)) {
    const x = o[key];
    if (!isNumber(x) && typeof x !== 'string') throw invalid([...path, key]);
    out[key] = x;
  }
  return out;
}

// Fields in this order, the first refusal wins: the order lessons were always checked in.
function step(v: unknown, path: Path): StepInput {
  const o = object(v, path);
  const at = (f: string) => [...path, f];
  const s: StepInput = {
    title: text(o.title, at('title'), 120),
    scenario: opt(o.scenario, (x) => scenarioOf(x, at('scenario')), {}),
    view: opt(o.view, (x) => oneOf(x, at('view'), VIEW_IDS), 'compare'),
    technique: opt(o.technique, (x) => technique(x, at('technique')), undefined),
    techniques: opt(o.techniques, (x) => items(array(x, at('techniques'), 1, 5), at('techniques'), technique), undefined),
    intro: opt(o.intro, (x) => text(x, at('intro'), 400), undefined),
    speed: opt(o.speed, (x) => number(x, at('speed'), MIN_SPEED, MAX_SPEED), 1),
    chart: opt(o.chart, (x) => oneOf(x, at('chart'), CHART_IDS), undefined),
    pauses: opt(o.pauses, (x) => items(array(x, at('pauses'), 0, 20), at('pauses'), pause), []),
  };
  onlyKeys(o, STEP_FIELDS, path);
  return s;
}

function lessonInput(input: unknown): { title: string; steps: StepInput[] } {
  const o = object(input, []);
  const title = text(o.title, ['title'], 120);
  const steps = items(array(o.steps, ['steps'], 1, 30), ['steps'], step);
  onlyKeys(o, ['title', 'steps'], []);
  return { title, steps };
}

export class LessonError extends Error {
  override name = 'LessonError';
}

/** A field's path as a reader would say it: steps[2].pauses[0].caption -> step 3, pauses[0].caption. */
function where(path: readonly PropertyKey[]): string {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const rest = path.slice(2).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return `step ${path[1] + 1}${rest ? `, ${rest}` : ''}`;
  }
  return path.map(String).join('.') || 'the lesson';
}

/** Check a lesson (parsed JSON); throws LessonError naming the step and field. */
export function parseLesson(input: unknown): Lesson {
  let r: ReturnType<typeof lessonInput>;
  try {
    r = lessonInput(input);
  } catch (e) {
    if (!(e instanceof Issue)) throw e;
    throw new LessonError(`lesson: ${where(e.path)}: ${e.message}`);
  }
  const steps = r.steps.map((s, k): LessonStep => {
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
  return { title: r.title, steps };
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
