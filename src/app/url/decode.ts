// Reading a link (SPEC §6): decode() turns a query string into the page's
// state (./codec.ts) and a list of issues. Fetched only when the page's
// address has parameters (./read-link.ts), since a bare first visit needs
// none of it.

import { didYouMean, defaultValues, KEY_INDEX, KEYS, mediaWork, nest, TECHNIQUES, type TechniqueId } from '../../sim';
// The checker straight from its module, not through src/sim's index: the first visit's chunks then never load it (../controls/typed-value.ts).
import { parseValue, readNumber, ScenarioError } from '../../sim/scenario/validate';
import { workUnits } from '../compute/cost';
import { MAX_SPEED, MIN_SPEED, TIME_MODES, VIEWS, type TimeMode } from '../view-ids';
import { THEMES, type ThemeId } from '../theme/theme';
import { bounded, DEFAULT_TECHNIQUE, DEFAULT_VIEW, defaultUrlState, MAX_LINK_PARAMS, URL_WORK_BUDGET, type Issue, type UrlState } from './codec';

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
        issues.push({ param, value, problem: `unknown parameter${didYouMean(param, PARAM_NAMES)}`, used: 'nothing (ignored)' });
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
    s.values = defaultValues();
    issues.push({ param: '(the scenario)', value: 'the link\'s settings', problem: `${why}, even for one client and one second`, used: 'the default scenario' });
  }
}

/** A round figure at or below x (two significant digits), not below lo. */
function roundDown(x: number, lo: number): number {
  const p = Math.pow(10, Math.max(0, Math.floor(Math.log10(x)) - 1));
  return Math.max(lo, Math.floor(x / p) * p);
}
