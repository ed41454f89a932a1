// A short, safe rendering of any value or text for an error message: at most
// a few dozen characters, control characters escaped, and no walk deeper
// than a few levels into objects, so a hostile input (a 1 MB key, an
// escape sequence, a scenario nested 100,000 levels deep, a cycle) gives a
// message of bounded size that cannot drive the terminal.

/** Longest excerpt, in characters, before the cut mark. */
export const EXCERPT_CHARS = 60;
const MAX_DEPTH = 3;
const MAX_ENTRIES = 4;

/**
 * Escape C0/C1 control characters, DEL, the line/paragraph separators, and
 * the invisible format characters that reorder or hide text (zero-width,
 * bidirectional overrides and isolates, the BOM) as \uXXXX (and \n, \t, ...).
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Cut `text` to `max` characters (escaped first), saying how long it was. */
export function cut(text: string, max = EXCERPT_CHARS): string {
  // Escape only a bounded prefix: the rest is never shown.
  const head = escapeControls(text.slice(0, max + 1));
  if (text.length <= max && head.length <= max) return head;
  return `${head.slice(0, max)}... (${text.length.toLocaleString('en-US')} characters)`;
}

/** Text quoted as in the messages: 'like this', cut and escaped. */
export function quote(text: string, max = EXCERPT_CHARS): string {
  return `'${cut(text, max)}'`;
}

function render(value: unknown, depth: number, budget: { left: number }): string {
  if (budget.left <= 0) return '...';
  let out: string;
  if (typeof value === 'string') out = JSON.stringify(value.slice(0, budget.left + 1));
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out = String(value);
  else if (value === undefined) out = 'undefined';
  else if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) out = `[${value.length} items]`;
    else {
      const items = value.slice(0, MAX_ENTRIES).map((v) => render(v, depth + 1, budget));
      out = `[${items.join(',')}${value.length > MAX_ENTRIES ? ',...' : ''}]`;
    }
  } else if (typeof value === 'object') {
    const keys = Object.keys(value as object);
    if (depth >= MAX_DEPTH) out = '{...}';
    else {
      const items = keys.slice(0, MAX_ENTRIES).map((k) => `${JSON.stringify(k.slice(0, 20))}:${render((value as Record<string, unknown>)[k], depth + 1, budget)}`);
      out = `{${items.join(',')}${keys.length > MAX_ENTRIES ? ',...' : ''}}`;
    }
  } else out = typeof value;
  budget.left -= out.length;
  return out;
}

/** A value (from JSON or a JS caller) as a short, escaped excerpt. */
export function excerpt(value: unknown, max = EXCERPT_CHARS): string {
  if (typeof value === 'string') return quote(value, max);
  const text = render(value, 0, { left: max });
  return text.length > max ? `${escapeControls(text.slice(0, max))}...` : escapeControls(text);
}
