// Small checks for the lesson file's fields (./lesson.ts), in place of a
// schema library: the page ships none. Each check returns the value or
// throws an Issue with the field's path and the message a teacher reads.
// The messages are the ones lessons were checked with before (zod's
// wording, e.g. "Too big: expected string to have <=120 characters"), so
// that documented refusals and tests keep their text.

export type Path = readonly (string | number)[];

export class Issue extends Error {
  constructor(
    readonly path: Path,
    message: string,
  ) {
    super(message);
  }
}

/** What a value is, as the messages say it: number, NaN, Infinity, array, null, Date, ... */
export function received(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? 'number' : String(v);
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
    if (proto !== Object.prototype && proto?.constructor?.name) return proto.constructor.name;
  }
  return typeof v;
}

function expected(what: string, v: unknown, path: Path): Issue {
  return new Issue(path, `Invalid input: expected ${what}, received ${received(v)}`);
}

/** A value none of a field's alternatives takes. */
export function invalid(path: Path): Issue {
  return new Issue(path, 'Invalid input');
}

/** An object of fields (any non-array object; its fields are read as properties). */
export function object(v: unknown, path: Path): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw expected('object', v, path);
  return v as Record<string, unknown>;
}

/** A record of any keys (the scenario of a step). */
export function record(v: unknown, path: Path): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw expected('record', v, path);
  return v as Record<string, unknown>;
}

/** Refuse keys the object may not have; checked after its fields, as they were. */
export function onlyKeys(o: Record<string, unknown>, keys: readonly string[], path: Path): void {
  const extra = Object.keys(o).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw new Issue(path, `Unrecognized key${extra.length === 1 ? '' : 's'}: ${extra.map((k) => `"${k}"`).join(', ')}`);
}

export function string(v: unknown, path: Path, min: number, max: number): string {
  if (typeof v !== 'string') throw expected('string', v, path);
  if (v.length < min) throw new Issue(path, `Too small: expected string to have >=${min} characters`);
  if (v.length > max) throw new Issue(path, `Too big: expected string to have <=${max} characters`);
  return v;
}

/** A finite number: NaN and the infinities are refused as not numbers. */
export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function number(v: unknown, path: Path, min: number, max = Infinity): number {
  if (!isNumber(v)) throw expected('number', v, path);
  if (v < min) throw new Issue(path, `Too small: expected number to be >=${min}`);
  if (v > max) throw new Issue(path, `Too big: expected number to be <=${max}`);
  return v;
}

export function oneOf<T extends string>(v: unknown, path: Path, values: readonly T[]): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw new Issue(path, `Invalid option: expected one of ${values.map((x) => `"${x}"`).join('|')}`);
  return v as T;
}

/** An array with between min and max items (the count is checked before the items). */
export function array(v: unknown, path: Path, min: number, max: number): unknown[] {
  if (!Array.isArray(v)) throw expected('array', v, path);
  if (v.length < min) throw new Issue(path, `Too small: expected array to have >=${min} items`);
  if (v.length > max) throw new Issue(path, `Too big: expected array to have <=${max} items`);
  return v;
}

/** Each item of an array checked in order, holes included (they are undefined). */
export function items<T>(list: unknown[], path: Path, each: (v: unknown, path: Path) => T): T[] {
  return Array.from({ length: list.length }, (_, i) => each(list[i], [...path, i]));
}
