// The URL codec (SPEC §6): a view of the page <-> a query string. Pure, no
// DOM, so it is unit-tested on its own (tests/ui/url/codec.test.ts).
//
// Parameters:
//   <scenario key>=<value>   only the keys that differ from the defaults, dotted (network.latencyMs=100)
//   view=compare|focus|charts|sweep   (default compare)
//   technique=<id>           the Focus view's technique (default sse)
//   t=<ms>                   playhead, virtual milliseconds (default 0)
//   speed=<x>                playback speed, 0.1..10 (default 1)
//   time=lesson|real         playback clock (default lesson)
//   lesson=intro|<JSON>      a guided lesson: the built-in one, or a teacher's as JSON text
//   step=<n>                 the lesson's step, from 1 (default 1)
//   techniques=<id,id,...>   techniques shown in Compare (default all five)
//   theme=light|dark|projector
//   embed=1, autoplay=1, loop=1, explain=1, controls=none|playback|<key>,...   (embed mode)
//
// decode() never throws: every bad parameter becomes an Issue naming the
// parameter, its value (raw text, for the page to show as text), what is
// wrong, and what was used instead.

import { closestName, KEY_INDEX, KEYS, mediaWork, nest, parseValue, readNumber, ScenarioError, TECHNIQUES, type TechniqueId } from '../../sim';
import { cut } from '../../sim/scenario/excerpt';
import { PAGE_WORK_BUDGET, workUnits } from '../compute/cost';
import { MAX_SPEED, MIN_SPEED, TIME_MODES, VIEWS, type TimeMode, type ViewId } from '../view-ids';
import { THEMES, type ThemeId } from '../theme/theme';

export interface EmbedOptions {
  embed: boolean;
  autoplay: boolean;
  loop: boolean;
  /** Show the lanes' explanations in an embed (hidden by default: the slide says it). */
  explain: boolean;
  /** null: the default (the playback bar); [] : none; otherwise 'playback' and/or scenario keys, in order. */
  controls: string[] | null;
}

export interface UrlState {
  /** Every scenario key (dotted) with a valid value. */
  values: Record<string, number | string>;
  view: ViewId;
  technique: TechniqueId;
  t: number;
  speed: number;
  time: TimeMode;
  /**
   * The lesson's source ('intro' or JSON text) and step (0-based), or null.
   * decode() checks only the form of both: the lesson's code is fetched on
   * first use, and its linkLesson() (src/app/lesson/link.ts) checks the
   * lesson itself and that it has the step.
   */
  lesson: { source: string; step: number } | null;
  shown: TechniqueId[];
  theme: ThemeId | null;
  embed: EmbedOptions;
}

export interface Issue {
  param: string;
  /** The raw text from the URL (never interpreted as markup by the page). */
  value: string;
  problem: string;
  used: string;
}

export const DEFAULT_VIEW: ViewId = 'compare';
export const DEFAULT_TECHNIQUE: TechniqueId = 'sse';

/**
 * Most work a link may ask of the page, in work units (src/sim/run/work.ts):
 * the page's budget (src/app/compute/cost.ts). Far bigger runs (10,000
 * clients for an hour) would keep the machine busy for hours and fill the
 * memory, so a link asking for one is scaled down, with a notice.
 */
export const URL_WORK_BUDGET = PAGE_WORK_BUDGET;

/** Most work the streaming media case may take in a link (its chunks are walked one by one): a quarter of the budget. */
export const URL_MEDIA_BUDGET = URL_WORK_BUDGET / 4;

/** Parameters read from one link; the rest are ignored with one notice. */
export const MAX_LINK_PARAMS = 200;

export function defaultEmbed(): EmbedOptions {
  return { embed: false, autoplay: false, loop: false, explain: false, controls: null };
}

export function defaultUrlState(): UrlState {
  return {
    values: Object.fromEntries(KEYS.map((k) => [k.key, k.default])),
    view: DEFAULT_VIEW,
    technique: DEFAULT_TECHNIQUE,
    t: 0,
    speed: 1,
    time: 'lesson',
    lesson: null,
    shown: [...TECHNIQUES],
    theme: null,
    embed: defaultEmbed(),
  };
}

/** Playhead as written in a link: microsecond precision is plenty. */
export function roundT(t: number): number {
  return Math.round(t * 1000) / 1000;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The query string (no leading '?') of a state: defaults left out. */
export function encode(s: UrlState): string {
  const q = new URLSearchParams();
  for (const spec of KEYS) {
    const v = s.values[spec.key];
    if (v !== undefined && v !== spec.default) q.set(spec.key, String(v));
  }
  if (s.view !== DEFAULT_VIEW) q.set('view', s.view);
  if (s.technique !== DEFAULT_TECHNIQUE) q.set('technique', s.technique);
  const t = roundT(s.t);
  if (t !== 0) q.set('t', String(t));
  if (s.speed !== 1) q.set('speed', String(s.speed));
  if (s.time !== 'lesson') q.set('time', s.time);
  if (s.lesson) {
    q.set('lesson', s.lesson.source);
    if (s.lesson.step > 0) q.set('step', String(s.lesson.step + 1));
  }
  if (!sameList(s.shown, TECHNIQUES)) q.set('techniques', s.shown.join(','));
  if (s.theme) q.set('theme', s.theme);
  if (s.embed.embed) q.set('embed', '1');
  if (s.embed.autoplay) q.set('autoplay', '1');
  if (s.embed.loop) q.set('loop', '1');
  if (s.embed.explain) q.set('explain', '1');
  if (s.embed.controls) q.set('controls', s.embed.controls.length === 0 ? 'none' : s.embed.controls.join(','));
  // URLSearchParams writes ',' as %2C; commas are legal in a query, and easier to read and edit.
  return q.toString().replace(/%2C/gi, ',');
}

const FLAG_ON = new Set(['1', 'true', 'yes', 'on', '']);
const FLAG_OFF = new Set(['0', 'false', 'no', 'off']);
const OTHER_PARAMS = new Set(['view', 'technique', 't', 'speed', 'time', 'lesson', 'step', 'techniques', 'theme', 'embed', 'autoplay', 'loop', 'explain', 'controls']);

function fmt(v: number | string): string {
  return typeof v === 'number' ? String(v) : v;
}

function isTechnique(x: string): x is TechniqueId {
  return (TECHNIQUES as readonly string[]).includes(x);
}

const PARAM_NAMES = [...KEYS.map((k) => k.key), ...OTHER_PARAMS];

/** The closest known parameter name, for a typo (the command line's hint too). */
function closest(name: string): string | null {
  return closestName(name, PARAM_NAMES);
}

/** Read a query string (with or without '?'). Never throws; bad parameters become issues. */
export function decode(search: string, limit = URL_WORK_BUDGET): { state: UrlState; issues: Issue[] } {
  const s = defaultUrlState();
  const issues: Issue[] = [];
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const seen = new Set<string>();
  let tText: string | null = null;
  let stepText: string | null = null;

  let count = 0;
  for (const [param, value] of q) {
    // A link has a few dozen parameters at most; tens of thousands (a pasted log, an attack) would take seconds to check.
    if (++count > MAX_LINK_PARAMS) {
      const rest = [...q.keys()].length - MAX_LINK_PARAMS;
      issues.push({ param: '(the rest)', value: `${rest.toLocaleString('en-US')} more parameters`, problem: `a link may have at most ${MAX_LINK_PARAMS} parameters`, used: 'nothing (ignored)' });
      break;
    }
    if (seen.has(param)) {
      issues.push({ param, value, problem: 'given more than once', used: 'the first value' });
      continue;
    }
    seen.add(param);
    const spec = KEY_INDEX.get(param);
    if (spec) {
      try {
        s.values[param] = parseValue(param, value);
      } catch (e) {
        const problem = e instanceof ScenarioError ? problemOf(e, value) : String(e);
        issues.push({ param, value, problem, used: `the default, ${fmt(spec.default)}${spec.unit ? ` ${spec.unit}` : ''}` });
      }
      continue;
    }
    switch (param) {
      case 'view': {
        const v = VIEWS.find((x) => x.id === value);
        if (v) s.view = v.id;
        else issues.push({ param, value, problem: `not a view; expected one of ${VIEWS.map((x) => x.id).join(', ')}`, used: `the default, ${DEFAULT_VIEW}` });
        break;
      }
      case 'technique':
        if (isTechnique(value)) s.technique = value;
        else issues.push({ param, value, problem: `not a technique; expected one of ${TECHNIQUES.join(', ')}`, used: `the default, ${DEFAULT_TECHNIQUE}` });
        break;
      case 't':
        tText = value;
        break;
      case 'speed': {
        const n = numberOf(value);
        if (n !== null && n >= MIN_SPEED && n <= MAX_SPEED) s.speed = n;
        else issues.push({ param, value, problem: n === null ? 'not a number' : `out of range; expected ${MIN_SPEED} to ${MAX_SPEED}`, used: 'the default, 1' });
        break;
      }
      case 'lesson':
        s.lesson = { source: value, step: 0 };
        break;
      case 'step':
        stepText = value;
        break;
      case 'time':
        if ((TIME_MODES as readonly string[]).includes(value)) s.time = value as TimeMode;
        else issues.push({ param, value, problem: `not a playback clock; expected one of ${TIME_MODES.join(', ')}`, used: 'the default, lesson' });
        break;
      case 'techniques': {
        const ids = value.split(',').map((x) => x.trim()).filter((x) => x !== '');
        const good = ids.filter(isTechnique);
        const bad = ids.filter((x) => !isTechnique(x));
        const unique = TECHNIQUES.filter((id) => good.includes(id));
        if (bad.length > 0 || unique.length === 0) {
          issues.push({
            param,
            value,
            problem: bad.length > 0 ? `unknown technique${bad.length > 1 ? 's' : ''} ${bad.join(', ')}; known: ${TECHNIQUES.join(', ')}` : 'no technique given',
            used: unique.length > 0 ? unique.join(', ') : 'all five',
          });
        }
        if (unique.length > 0) s.shown = good.filter((id, i) => good.indexOf(id) === i);
        break;
      }
      case 'theme':
        if ((THEMES as readonly string[]).includes(value)) s.theme = value as ThemeId;
        else issues.push({ param, value, problem: `not a theme; expected one of ${THEMES.join(', ')}`, used: 'the saved or system theme' });
        break;
      case 'embed':
      case 'autoplay':
      case 'loop':
      case 'explain': {
        const v = value.trim().toLowerCase();
        if (FLAG_ON.has(v)) s.embed[param] = true;
        else if (!FLAG_OFF.has(v)) issues.push({ param, value, problem: 'expected 1 or 0', used: 'off (0)' });
        break;
      }
      case 'controls': {
        const items = value.split(',').map((x) => x.trim()).filter((x) => x !== '');
        if (items.length === 1 && items[0] === 'none') {
          s.embed.controls = [];
          break;
        }
        const good = items.filter((x, i) => (x === 'playback' || KEY_INDEX.has(x)) && items.indexOf(x) === i);
        const bad = items.filter((x) => x !== 'playback' && x !== 'none' && !KEY_INDEX.has(x));
        const problems: string[] = [];
        if (items.includes('none')) problems.push('none cannot be combined with other controls');
        if (bad.length > 0) problems.push(`not ${bad.length > 1 ? 'scenario keys' : 'a scenario key'}: ${bad.join(', ')}`);
        if (items.length === 0) problems.push('empty');
        if (problems.length > 0) {
          issues.push({
            param,
            value,
            problem: `${problems.join('; ')} (expected none alone, or playback and/or scenario keys)`,
            used: good.length > 0 ? good.join(', ') : 'playback',
          });
        }
        s.embed.controls = good.length > 0 ? good : null;
        break;
      }
      default: {
        const near = closest(param);
        issues.push({ param, value, problem: `unknown parameter${near ? `; did you mean ${near}?` : ''}`, used: 'nothing (ignored)' });
      }
    }
  }

  if (stepText !== null) {
    const n = numberOf(stepText);
    if (!s.lesson) issues.push({ param: 'step', value: stepText, problem: 'a step of no lesson (add lesson=intro)', used: 'nothing (ignored)' });
    else if (n === null || !Number.isInteger(n) || n < 1) issues.push({ param: 'step', value: stepText, problem: 'not a step; expected a whole number from 1', used: 'step 1' });
    else s.lesson.step = n - 1;
  }

  budget(s, issues, limit);

  if (tText !== null) {
    const n = numberOf(tText);
    const dur = s.values.durationMs as number;
    if (n === null || n < 0) issues.push({ param: 't', value: tText, problem: n === null ? 'not a number' : 'negative', used: 'the start, 0 ms' });
    else if (n > dur) {
      issues.push({ param: 't', value: tText, problem: `after the end of the run (${dur} ms)`, used: `the end, ${dur} ms` });
      s.t = dur;
    } else s.t = n;
  }
  return { state: s, issues: issues.map(bounded) };
}

/** The one number syntax of the command line and the URL (src/sim/scenario/validate.ts). */
const numberOf = readNumber;

/** The notice's problem column: the key and the value are in their own columns. */
function problemOf(e: ScenarioError, value: string): string {
  const problem = e.problem === 'not allowed' && value.trim() === '' ? 'empty' : e.problem;
  return `${problem}; expected ${e.allowed}`;
}

/**
 * Scale a too-large run down to the work budget: first the duration (to no
 * less than 1 s), then the number of clients, each with a notice.
 */
function budget(s: UrlState, issues: Issue[], limit: number): void {
  const scenario = () => nest(new Map(Object.entries(s.values)));
  const units = () => workUnits(scenario());
  const why = `too much work for a browser tab (clients × duration × event rates over a budget of ${limit.toLocaleString('en-US')} work units)`;
  // The media case's work depends on its chunk count alone: fewer, larger chunks.
  if (mediaWork(scenario()) > limit / 4) {
    const bytes = s.values['streaming.mediaBytes'] as number;
    const chunk = s.values['streaming.chunkBytes'] as number;
    const spec = KEY_INDEX.get('streaming.chunkBytes')!;
    // The smallest chunk, in whole KiB, that fits: media work falls as chunks grow (binary search).
    const fits = (kib: number) => mediaWork(nest(new Map(Object.entries({ ...s.values, 'streaming.chunkBytes': Math.min(spec.max!, kib * 1024) })))) <= limit / 4;
    let lo = 0;
    let hi = Math.ceil(spec.max! / 1024);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fits(mid)) hi = mid;
      else lo = mid;
    }
    const fitted = Math.min(spec.max!, hi * 1024);
    s.values['streaming.chunkBytes'] = fitted;
    issues.push({ param: 'streaming.chunkBytes', value: String(chunk), problem: `${why}: ${Math.ceil(bytes / chunk).toLocaleString('en-US')} media chunks`, used: `${fitted} B` });
  }
  if (units() <= limit) return;
  const dur = s.values.durationMs as number;
  const minDur = Math.min(dur, 1000);
  let lo = minDur;
  let hi = dur;
  // Largest duration (whole ms) within the budget: binary search, the cost is monotone in it.
  s.values.durationMs = lo;
  if (units() <= limit) {
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      s.values.durationMs = mid;
      if (units() <= limit) lo = mid;
      else hi = mid;
    }
    s.values.durationMs = roundDown(lo, minDur);
    issues.push({ param: 'durationMs', value: String(dur), problem: why, used: `${s.values.durationMs} ms` });
    return;
  }
  s.values.durationMs = minDur;
  if (minDur !== dur) issues.push({ param: 'durationMs', value: String(dur), problem: why, used: `${minDur} ms` });
  const clients = s.values.clients as number;
  let cLo = 1;
  let cHi = clients;
  while (cHi - cLo > 1) {
    const mid = Math.floor((cLo + cHi) / 2);
    s.values.clients = mid;
    if (units() <= limit) cLo = mid;
    else cHi = mid;
  }
  s.values.clients = cLo;
  if (cLo !== clients) issues.push({ param: 'clients', value: String(clients), problem: why, used: String(cLo) });
  // Even one client for a second is too much (rates and sizes at their limits): the defaults, said once.
  if (units() > limit) {
    for (const k of KEYS) s.values[k.key] = k.default;
    issues.push({ param: '(the scenario)', value: 'the link\'s settings', problem: `${why}, even for one client and one second`, used: 'the default scenario' });
  }
}

/** A round figure at or below x (two significant digits), not below lo. */
function roundDown(x: number, lo: number): number {
  const p = Math.pow(10, Math.max(0, Math.floor(Math.log10(x)) - 1));
  return Math.max(lo, Math.floor(x / p) * p);
}

/** What the notice shows is bounded and printable whatever the link holds (a 1 MB value, escape codes). */
export function bounded(i: Issue): Issue {
  return { param: cut(i.param, 60), value: cut(i.value, 80), problem: cut(i.problem, 300), used: cut(i.used, 200) };
}
