// Reads a scenario file's text as strict JSON (RFC 8259), for messages that
// JSON.parse cannot give: where the text is wrong (line and column, never
// the content: a file given by mistake may be a secret), a key given twice
// in one object (JSON.parse keeps the last one silently), a number as it
// was written when it is no double (1e400), and nesting deeper than any
// scenario needs (refused before it can exhaust the stack). A UTF-8
// byte-order mark is skipped. Tokens come from jsonc-parser's scanner (VS
// Code's JSON tokenizer); the tree is built here, without recursion.

import { createScanner } from 'jsonc-parser';
import { NumberText } from './number-text';
import { cut } from './excerpt';

/** jsonc-parser's SyntaxKind and ScanError values (const enums, which isolated modules cannot import). */
const T = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, comma: 5, colon: 6, null: 7, true: 8, false: 9, string: 10, number: 11, lineComment: 12, blockComment: 13, lineBreak: 14, trivia: 15, unknown: 16, eof: 17 } as const;
const SCAN_ERRORS = ['', 'an unterminated comment', 'an unterminated string', 'an incomplete number', 'a bad \\u escape', 'a bad escape character', 'a control character inside a string'];

/** Deepest nesting accepted: scenario keys nest two levels; anything far deeper is no scenario. */
export const MAX_JSON_DEPTH = 64;

export { NumberText };

export class JsonError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly problem: string,
    /** False for valid JSON refused all the same (too deep, a key twice). */
    readonly syntax = true,
  ) {
    super(`line ${line}, column ${column}: ${syntax ? 'not JSON: ' : ''}${problem}`);
    this.name = 'JsonError';
  }
}

interface Frame {
  kind: 'object' | 'array';
  value: Record<string, unknown> | unknown[];
  /** Object: the key waiting for its value, and where each key was first seen. */
  key: string | null;
  seen: Map<string, string> | null;
  /** What the next token may be. */
  expect: 'first' | 'value' | 'key' | 'colon' | 'commaOrEnd';
}

function numberOf(text: string): number | NumberText {
  const n = Number(text);
  if (!Number.isFinite(n)) return new NumberText(text);
  // Underflow: a non-zero mantissa that became 0.
  if (n === 0 && /[1-9]/.test(text.replace(/[eE].*$/, ''))) return new NumberText(text);
  return n;
}

/** Parse strict JSON text. Throws JsonError (line, column, what is wrong) and nothing else. */
export function parseJson(input: string): unknown {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sc = createScanner(text, false);
  const where = () => ({ line: sc.getTokenStartLine() + 1, column: sc.getTokenStartCharacter() + 1 });
  const fail = (problem: string, syntax = true): never => {
    const { line, column } = where();
    throw new JsonError(line, column, problem, syntax);
  };
  const stack: Frame[] = [];
  let root: unknown = undefined;
  let done = false;

  /** Place a complete value into the enclosing container (or as the root). */
  const place = (v: unknown): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = v;
      done = true;
      return;
    }
    if (top.kind === 'array') (top.value as unknown[]).push(v);
    else {
      // defineProperty: a key named __proto__ is data, not the prototype.
      Object.defineProperty(top.value, top.key!, { value: v, enumerable: true, writable: true, configurable: true });
      top.key = null;
    }
    top.expect = 'commaOrEnd';
  };

  for (;;) {
    const tok = sc.scan();
    if (tok === T.trivia || tok === T.lineBreak) continue;
    if (tok === T.lineComment || tok === T.blockComment) fail('comments are not JSON');
    const err = sc.getTokenError();
    if (err !== 0) fail(`${SCAN_ERRORS[err] ?? 'invalid text'}`);
    if (tok === T.eof) {
      if (!done) fail(stack.length > 0 ? `the text ends inside ${stack[stack.length - 1].kind === 'object' ? 'an object' : 'an array'}` : 'no JSON value');
      return root;
    }
    if (done) fail('more text after the JSON value');
    const top = stack[stack.length - 1];
    const state = top?.expect ?? 'value';

    if (state === 'commaOrEnd') {
      if (tok === T.comma) {
        top!.expect = top!.kind === 'object' ? 'key' : 'value';
        continue;
      }
      if ((tok === T.closeBrace && top!.kind === 'object') || (tok === T.closeBracket && top!.kind === 'array')) {
        stack.pop();
        place(top!.value);
        continue;
      }
      fail(`expected a comma or the end of the ${top!.kind}`);
    }
    if (state === 'colon') {
      if (tok !== T.colon) fail('expected a colon after the key');
      top!.expect = 'value';
      continue;
    }
    if (state === 'key' || (state === 'first' && top!.kind === 'object')) {
      if (state === 'first' && tok === T.closeBrace) {
        stack.pop();
        place(top!.value);
        continue;
      }
      if (tok !== T.string) fail(state === 'key' ? 'expected a key in double quotes (no comma before a closing brace)' : 'expected a key in double quotes');
      const key = sc.getTokenValue();
      const { line, column } = where();
      const first = top!.seen!.get(key);
      if (first !== undefined) fail(`the key "${cut(key, 40)}" is given twice in one object (first at ${first})`, false);
      top!.seen!.set(key, `line ${line}, column ${column}`);
      top!.key = key;
      top!.expect = 'colon';
      continue;
    }
    // A value is expected (the root, after a colon, in an array).
    if (state === 'first' && tok === T.closeBracket) {
      stack.pop();
      place(top!.value);
      continue;
    }
    switch (tok) {
      case T.openBrace:
      case T.openBracket:
        if (stack.length >= MAX_JSON_DEPTH) fail(`nested deeper than ${MAX_JSON_DEPTH} levels (a scenario nests two)`, false);
        stack.push(tok === T.openBrace ? { kind: 'object', value: {}, key: null, seen: new Map(), expect: 'first' } : { kind: 'array', value: [], key: null, seen: null, expect: 'first' });
        break;
      case T.string:
        place(sc.getTokenValue());
        break;
      case T.number:
        place(numberOf(sc.getTokenValue()));
        break;
      case T.true:
        place(true);
        break;
      case T.false:
        place(false);
        break;
      case T.null:
        place(null);
        break;
      default:
        fail(state === 'value' && top && top.kind === 'array' ? 'expected a value (no comma before a closing bracket)' : 'expected a JSON value');
    }
  }
}
