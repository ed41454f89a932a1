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
// decode() (./decode.ts, fetched only for a link with parameters) never
// throws: every bad parameter becomes an Issue naming the parameter, its
// value (raw text, for the page to show as text), what is wrong, and what
// was used instead. This module holds the state, its defaults and encode().

import { defaultValues, KEYS, TECHNIQUES, type TechniqueId } from '../../sim';
import { cut } from '../../sim/scenario/excerpt';
import { PAGE_WORK_BUDGET } from '../compute/cost';
import type { TimeMode, ViewId } from '../view-ids';
import type { ThemeId } from '../theme/theme';

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
    values: defaultValues(),
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

/** What the notice shows is bounded and printable whatever the link holds (a 1 MB value, escape codes). */
export function bounded(i: Issue): Issue {
  return { param: cut(i.param, 60), value: cut(i.value, 80), problem: cut(i.problem, 300), used: cut(i.used, 200) };
}
