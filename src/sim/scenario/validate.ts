// Turns user input (a JSON scenario file, --set KEY=VALUE pairs, URL
// parameters) into a complete Scenario, or refuses it with a ScenarioError
// whose message names the key, the value and what is allowed. Each key's
// check is read from its row of the table in ./keys.ts (kind, min, max,
// values): no schema library, so the page and its worker ship none.

import { editDistance } from './distance';
import { cut, excerpt, quote } from './excerpt';
import { NumberText } from './json';
import { KEYS, KEY_INDEX, allowedText, type KeySpec } from './keys';
import type { Scenario } from './types';

export class ScenarioError extends Error {
  constructor(
    readonly key: string,
    readonly value: unknown,
    readonly allowed: string,
    message?: string,
  ) {
    super(message ?? `scenario key ${quote(key)}: ${show(value)} is not allowed; expected ${allowed}`);
    this.name = 'ScenarioError';
  }
}

/** A value as written (a number's text when it is no double), short and escaped. */
function show(value: unknown): string {
  return value instanceof NumberText ? cut(value.text) : excerpt(value);
}

/** Whether `value` is allowed for `spec`: its JSON type, a finite double, an integer where asked, in range or 0 = off, or a listed value. */
function allows(spec: KeySpec, value: unknown): boolean {
  if (spec.kind === 'enum') return typeof value === 'string' && spec.values!.includes(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (spec.kind === 'int' && !Number.isSafeInteger(value)) return false;
  return (value >= spec.min! && value <= spec.max!) || (spec.zeroMeansOff === true && value === 0);
}

/** Keys longer than this get no typo hint: no key is that long, and the distance costs length². */
const MAX_HINT_KEY = 64;

/** The closest known key, to suggest on a typo. */
function suggest(key: string): string {
  if (key.length > MAX_HINT_KEY) return '';
  let best = '';
  let bestD = Infinity;
  for (const k of KEYS) {
    const d = editDistance(key.toLowerCase(), k.key.toLowerCase());
    if (d < bestD) [best, bestD] = [k.key, d];
  }
  return bestD <= 3 ? `; did you mean '${best}'?` : '';
}

/** The key names in short: top-level keys, then groups (network.*, server.*, ...). */
const KEY_SUMMARY = [...new Set(KEYS.map((k) => (k.key.includes('.') ? `${k.key.split('.')[0]}.*` : k.key)))].join(', ');

function unknownKey(key: string, value: unknown): ScenarioError {
  const hint = suggest(key);
  return new ScenarioError(key, value, 'a known scenario key', `unknown scenario key ${quote(key)} (value ${show(value)})${hint || `; known keys: ${KEY_SUMMARY} (npm run sim -- --help lists them all)`}`);
}

/** Check one key's value (already of its JSON type). */
export function checkValue(key: string, value: unknown): number | string {
  const spec = KEY_INDEX.get(key);
  if (!spec) throw unknownKey(key, value);
  if (value instanceof NumberText) {
    throw new ScenarioError(key, value.text, allowedText(spec), `scenario key '${key}': ${show(value)} is out of range; expected ${allowedText(spec)}`);
  }
  if (!allows(spec, value)) {
    const rightType = typeof value === (spec.kind === 'enum' ? 'string' : 'number');
    const kind = !rightType ? 'of the wrong type' : spec.kind === 'int' && !Number.isInteger(value) ? 'not an integer' : spec.kind === 'enum' ? 'not a known value' : 'out of range';
    throw new ScenarioError(key, value, allowedText(spec), `scenario key '${key}': ${show(value)} is ${kind}; expected ${allowedText(spec)}`);
  }
  // -0 is 0 (JSON and URLs may write it; it must not differ from the default 0).
  return value === 0 ? 0 : (value as number | string);
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parse a value written as text (command line, URL) for `key`, then check it. */
export function parseValue(key: string, text: string): number | string {
  const spec = KEY_INDEX.get(key);
  if (!spec) throw unknownKey(key, text);
  if (spec.kind === 'enum') return checkValue(key, text.trim());
  const t = text.trim();
  if (!NUMBER_TEXT.test(t)) {
    throw new ScenarioError(key, text, allowedText(spec), `scenario key '${key}': ${quote(text)} is not a number; expected ${allowedText(spec)}`);
  }
  const n = Number(t);
  // 1e-400 is no double (it reads as 0): refused as out of range, as in a scenario file.
  const underflow = n === 0 && /[1-9]/.test(t.replace(/e.*$/i, ''));
  if (!Number.isFinite(n) || underflow) {
    throw new ScenarioError(key, text, allowedText(spec), `scenario key '${key}': ${quote(text)} is out of range; expected ${allowedText(spec)}`);
  }
  return checkValue(key, n);
}

/**
 * Flatten a nested scenario object to dotted keys, refusing unknown keys,
 * wrong shapes, and one key given twice (dotted and nested: "network.latencyMs"
 * and "network": {"latencyMs"}). Recursion follows known key prefixes only,
 * so it is as deep as the deepest key, whatever the input.
 */
export function flatten(input: unknown, prefix = '', out = new Map<string, unknown>(), written = new Map<string, string>(), path = ''): Map<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ScenarioError(prefix || '(scenario)', input, 'an object of scenario keys', `${prefix ? `scenario key '${prefix}'` : 'the scenario'}: ${show(input)} is not an object of scenario keys`);
  }
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${name}` : name;
    const as = path ? `${path}: {"${cut(name, 40)}"}` : `"${cut(name, 40)}"`;
    if (KEY_INDEX.has(key)) {
      const before = written.get(key);
      if (before !== undefined) {
        throw new ScenarioError(key, value, 'each key once', `scenario key '${key}' is given twice: as ${before} and as ${as}; give it once`);
      }
      written.set(key, as);
      out.set(key, value);
    } else if (KEYS.some((k) => k.key.startsWith(`${key}.`))) flatten(value, key, out, written, as);
    else throw unknownKey(key, value);
  }
  return out;
}

/** Default value of every key, as a flat map. */
export function defaultFlat(): Map<string, number | string> {
  return new Map(KEYS.map((k) => [k.key, k.default]));
}

/** Build the nested Scenario from a complete flat map. */
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

/**
 * Resolve a scenario: defaults, then `base` (a nested object, e.g. a JSON
 * file), then `overrides` (dotted key -> text, e.g. --set; these win).
 */
export function resolveScenario(base: unknown = {}, overrides: Iterable<[string, string]> = []): Scenario {
  const flat = defaultFlat();
  for (const [key, value] of flatten(base)) flat.set(key, checkValue(key, value));
  // A key set twice: the later wins, as repeated command-line options do (scripts append overrides).
  for (const [key, text] of overrides) flat.set(key, parseValue(key, text));
  return nest(flat);
}

/** Keys whose value differs from the default (for URLs). */
export function changedKeys(s: Scenario): Map<string, number | string> {
  const out = new Map<string, number | string>();
  for (const [key, value] of toFlat(s)) if (value !== KEY_INDEX.get(key)!.default) out.set(key, value);
  return out;
}
