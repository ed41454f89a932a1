// A scenario as a flat map of dotted keys (`network.latencyMs` -> 50), the
// form the command line, the URL, the controls and the sweep work in, and
// back to the nested Scenario the core runs. The defaults are built once.

import { KEYS, KEY_INDEX } from './keys';
import type { Scenario } from './types';

/** Every key's default, built once; never handed out (defaultFlat gives a copy). */
const DEFAULTS: ReadonlyMap<string, number | string> = new Map(KEYS.map((k) => [k.key, k.default]));

/** Default value of every key, as a flat map (a fresh copy: callers change it). */
export function defaultFlat(): Map<string, number | string> {
  return new Map(DEFAULTS);
}

/** Default value of every key, as the page's plain record of dotted keys (a fresh copy). */
export function defaultValues(): Record<string, number | string> {
  return Object.fromEntries(DEFAULTS);
}

/** Build the nested Scenario from a flat map; a key it lacks takes its default. */
export function nest(flat: ReadonlyMap<string, number | string>): Scenario {
  const root: Record<string, unknown> = {};
  for (const spec of KEYS) {
    const parts = spec.key.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = flat.get(spec.key) ?? spec.default;
  }
  return root as unknown as Scenario;
}

/** Scenario to a flat map of every key. */
export function toFlat(s: Scenario): Map<string, number | string> {
  const out = new Map<string, number | string>();
  for (const spec of KEYS) {
    let v: unknown = s;
    for (const p of spec.key.split('.')) v = (v as Record<string, unknown>)[p];
    out.set(spec.key, v as number | string);
  }
  return out;
}

/** Keys whose value differs from the default (for URLs). */
export function changedKeys(s: Scenario): Map<string, number | string> {
  const out = new Map<string, number | string>();
  for (const [key, value] of toFlat(s)) if (value !== KEY_INDEX.get(key)!.default) out.set(key, value);
  return out;
}
