// Turns user input (a JSON scenario file, --set KEY=VALUE pairs, URL
// parameters) into a complete Scenario, or refuses it with a ScenarioError
// whose message names the key, the value and what is allowed. Each key's
// check is read from its row of the table in ./keys.ts (kind, min, max,
// values): no schema library, so the page and its worker ship none.

import { didYouMean } from './distance';
import { cut, excerpt, quote } from './excerpt';
import { NumberText } from './number-text';
import { KEYS, KEY_INDEX, allowedText, type KeySpec } from './keys';
import { defaultFlat, nest } from './flat';
import type { Scenario } from './types';

/** What is wrong with a value, as a reader of a notice would say it. */
export type ScenarioProblem = 'unknown key' | 'not a number' | 'out of range' | 'not an integer' | 'not a known value' | 'of the wrong type' | 'not an object' | 'given twice' | 'not allowed';

/**
 * A refused scenario value: the key, the value, what is allowed and what is
 * wrong (`problem`), and the whole sentence for a one-line message. The URL
 * notice shows the parts in their own columns and a control names itself by
 * its label, so they read the parts here rather than out of the sentence.
 */
export class ScenarioError extends Error {
  /** The sentence after its subject: `"abc" is not a number; expected a number from 0 to 10000 ms`. */
  readonly detail: string;
  readonly key: string;
  readonly value: unknown;
  readonly allowed: string;
  readonly problem: ScenarioProblem;
  constructor(e: {
    key: string;
    value: unknown;
    allowed: string;
    problem?: ScenarioProblem;
    /** The value as the sentence writes it (default: as written, quoted if text). */
    shown?: string;
    /** A whole sentence of another form (an unknown key, a key given twice). */
    message?: string;
  }) {
    const problem = e.problem ?? 'not allowed';
    const detail = `${e.shown ?? show(e.value)} is ${problem}; expected ${e.allowed}`;
    super(e.message ?? `scenario key ${quote(e.key)}: ${detail}`);
    this.key = e.key;
    this.value = e.value;
    this.allowed = e.allowed;
    this.problem = problem;
    this.detail = detail;
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

// Made when a message needs them, not at load: a module with no work at its
// top level is one a bundler may leave out of the page's first visit
// (src/app/controls/typed-value.ts fetches this one on first use).
const keyNames = () => KEYS.map((k) => k.key);

/** The key names in short: top-level keys, then groups (network.*, server.*, ...). */
const keySummary = () => [...new Set(KEYS.map((k) => (k.key.includes('.') ? `${k.key.split('.')[0]}.*` : k.key)))].join(', ');

function unknownKey(key: string, value: unknown): ScenarioError {
  const hint = didYouMean(key, keyNames(), (near) => `'${near}'`);
  return new ScenarioError({ key, value, allowed: 'a known scenario key', problem: 'unknown key', message: `unknown scenario key ${quote(key)} (value ${show(value)})${hint || `; known keys: ${keySummary()} (npm run sim -- --help lists them all)`}` });
}

/** Check one key's value (already of its JSON type). */
export function checkValue(key: string, value: unknown): number | string {
  const spec = KEY_INDEX.get(key);
  if (!spec) throw unknownKey(key, value);
  if (value instanceof NumberText) {
    throw new ScenarioError({ key, value: value.text, allowed: allowedText(spec), problem: 'out of range', shown: show(value) });
  }
  if (!allows(spec, value)) {
    const rightType = typeof value === (spec.kind === 'enum' ? 'string' : 'number');
    const problem: ScenarioProblem = !rightType ? 'of the wrong type' : spec.kind === 'int' && !Number.isInteger(value) ? 'not an integer' : spec.kind === 'enum' ? 'not a known value' : 'out of range';
    throw new ScenarioError({ key, value, allowed: allowedText(spec), problem });
  }
  // -0 is 0 (JSON and URLs may write it; it must not differ from the default 0).
  return value === 0 ? 0 : (value as number | string);
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The one number syntax of values written as text (the command line, the
 * URL): a decimal with an optional sign, fraction and exponent, as JSON
 * writes numbers but also "+5", "5." and ".5". The number, or null if the
 * text is no such number or no finite double ("1e400"; "1e-400", which
 * reads as 0, counts as none too).
 */
export function readNumber(text: string): number | null {
  const t = text.trim();
  if (!NUMBER_TEXT.test(t)) return null;
  const n = Number(t);
  const underflow = n === 0 && /[1-9]/.test(t.replace(/e.*$/i, ''));
  return Number.isFinite(n) && !underflow ? n : null;
}

/** Parse a value written as text (command line, URL) for `key`, then check it. */
export function parseValue(key: string, text: string): number | string {
  const spec = KEY_INDEX.get(key);
  if (!spec) throw unknownKey(key, text);
  if (spec.kind === 'enum') return checkValue(key, text.trim());
  if (!NUMBER_TEXT.test(text.trim())) {
    throw new ScenarioError({ key, value: text, allowed: allowedText(spec), problem: 'not a number', shown: quote(text) });
  }
  // Written as a number but no double (1e400; 1e-400 reads as 0): refused as out of range, as in a scenario file.
  const n = readNumber(text);
  if (n === null) {
    throw new ScenarioError({ key, value: text, allowed: allowedText(spec), problem: 'out of range', shown: quote(text) });
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
    throw new ScenarioError({ key: prefix || '(scenario)', value: input, allowed: 'an object of scenario keys', problem: 'not an object', message: `${prefix ? `scenario key '${prefix}'` : 'the scenario'}: ${show(input)} is not an object of scenario keys` });
  }
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${name}` : name;
    const as = path ? `${path}: {"${cut(name, 40)}"}` : `"${cut(name, 40)}"`;
    if (KEY_INDEX.has(key)) {
      const before = written.get(key);
      if (before !== undefined) {
        throw new ScenarioError({ key, value, allowed: 'each key once', problem: 'given twice', message: `scenario key '${key}' is given twice: as ${before} and as ${as}; give it once` });
      }
      written.set(key, as);
      out.set(key, value);
    } else if (KEYS.some((k) => k.key.startsWith(`${key}.`))) flatten(value, key, out, written, as);
    else throw unknownKey(key, value);
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
