// Tests of the server-sent events stream format.
// Sources: WHATWG HTML §9.2 "Server-sent events": §9.2.1 (introduction
// stream example), §9.2.5 (ABNF: end-of-line = CRLF / LF / CR), §9.2.6
// "Interpreting an event stream" (field processing, dispatch, and its
// examples); web-platform-tests eventsource/format-leading-space.any.js.
// The parser below follows §9.2.6 step by step, independently of src.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  renderSseEvent,
  sseEventFramingBytes,
  sseEventBytes,
  renderSseRetry,
  sseRetryBytes,
  SSE_COMMENT,
  SSE_COMMENT_BYTES,
} from '../../src/sim/wire/sse';

interface Dispatched {
  type: string;
  data: string;
  lastEventId: string;
}

/** WHATWG HTML §9.2.6, for a complete stream text. Returns events and the final retry value. */
function parseEventStream(stream: string): { events: Dispatched[]; retry: number | null; lastEventId: string } {
  const events: Dispatched[] = [];
  let data = '';
  let type = '';
  let lastEventIdBuffer = '';
  let lastEventId = '';
  let retry: number | null = null;
  // Stream ends without a final line terminator are incomplete lines: dropped.
  const lines = stream.split(/\r\n|\r|\n/);
  lines.pop();
  for (const line of lines) {
    if (line === '') {
      // Dispatch the event.
      lastEventId = lastEventIdBuffer;
      if (data === '') {
        type = '';
        continue;
      }
      if (data.endsWith('\n')) data = data.slice(0, -1);
      events.push({ type: type === '' ? 'message' : type, data, lastEventId });
      data = '';
      type = '';
      continue;
    }
    if (line.startsWith(':')) continue; // comment
    let field: string;
    let value: string;
    const colon = line.indexOf(':');
    if (colon >= 0) {
      field = line.slice(0, colon);
      value = line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
    } else {
      field = line;
      value = '';
    }
    if (field === 'event') type = value;
    else if (field === 'data') data += value + '\n';
    else if (field === 'id') {
      if (!value.includes('\u0000')) lastEventIdBuffer = value;
    } else if (field === 'retry') {
      if (/^[0-9]+$/.test(value)) retry = Number(value);
    }
  }
  return { events, retry, lastEventId };
}

const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe('the test parser follows the spec examples', () => {
  it('§9.2.1 introduction: three messages, the second on two lines', () => {
    const stream =
      'data: This is the first message.\n\n' +
      'data: This is the second message, it\n' +
      'data: has two lines.\n\n' +
      'data: This is the third message.\n\n';
    expect(parseEventStream(stream).events.map((e) => e.data)).toEqual([
      'This is the first message.',
      'This is the second message, it\nhas two lines.',
      'This is the third message.',
    ]);
  });
  it('§9.2.6: "YHOO", "+2", "10" data lines give "YHOO\\n+2\\n10"', () => {
    expect(parseEventStream('data: YHOO\ndata: +2\ndata: 10\n\n').events[0].data).toBe('YHOO\n+2\n10');
  });
  it('§9.2.6: comment block, then "first event" (id 1), "second event" (id reset), " third event"', () => {
    const stream = ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n';
    expect(parseEventStream(stream).events).toEqual([
      { type: 'message', data: 'first event', lastEventId: '1' },
      { type: 'message', data: 'second event', lastEventId: '' },
      { type: 'message', data: ' third event', lastEventId: '' },
    ]);
  });
  it('§9.2.6: "data:test" and "data: test" are the same event', () => {
    expect(parseEventStream('data:test\n\ndata: test\n\n').events.map((e) => e.data)).toEqual(['test', 'test']);
  });
  it('WPT format-leading-space: only one leading space is stripped; CR ends a line', () => {
    expect(parseEventStream('data:\ttest\rdata: \ndata:test\n\n').events[0].data).toBe('\ttest\n\ntest');
  });
});

describe('renderSseEvent', () => {
  it('hand-written single-line event', () => {
    expect(renderSseEvent(17, '{"a":1}')).toBe('id: 17\ndata: {"a":1}\n\n');
    // "id: 17\n" = 7, "data: " + "\n" = 7, blank line = 1 => 15 framing bytes.
    expect(sseEventFramingBytes(17)).toBe(15);
    expect(sseEventFramingBytes(0)).toBe(14);
    expect(sseEventFramingBytes(1234567890)).toBe(23);
  });
  it('a multi-line payload becomes one data line per line', () => {
    expect(renderSseEvent(3, 'YHOO\n+2\n10')).toBe('id: 3\ndata: YHOO\ndata: +2\ndata: 10\n\n');
    // 6 ("id: 3\n") + 3 x 7 + 1
    expect(sseEventFramingBytes(3, 3)).toBe(28);
    expect(sseEventBytes(3, 'YHOO\n+2\n10')).toEqual({ framing: 28, payload: 4 + 2 + 2 });
  });
  it('size = rendered UTF-8 bytes, and id/data round-trip through the spec parser', () => {
    const text = fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => !s.includes('\r'));
    fc.assert(
      fc.property(fc.maxSafeNat(), text, (id, payload) => {
        const ev = renderSseEvent(id, payload);
        const { framing, payload: p } = sseEventBytes(id, payload);
        expect(utf8(ev)).toBe(framing + p);
        const parsed = parseEventStream(ev);
        expect(parsed.events).toHaveLength(1);
        expect(parsed.events[0]).toEqual({ type: 'message', data: payload, lastEventId: String(id) });
      }),
      { numRuns: 1000 },
    );
  });
  it('single-line JSON payloads: framing = sseEventFramingBytes(id), payload = its bytes', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.json(), (id, json) => {
        const ev = renderSseEvent(id, json);
        expect(utf8(ev)).toBe(sseEventFramingBytes(id) + utf8(json));
        expect(JSON.parse(parseEventStream(ev).events[0].data)).toEqual(JSON.parse(json));
      }),
    );
  });
  it('CR and CRLF in a payload also end lines (§9.2.5); they arrive as LF', () => {
    const ev = renderSseEvent(1, 'a\r\nb\rc');
    expect(ev).toBe('id: 1\ndata: a\ndata: b\ndata: c\n\n');
    expect(parseEventStream(ev).events[0].data).toBe('a\nb\nc');
    expect(utf8(ev)).toBe(sseEventBytes(1, 'a\r\nb\rc').framing + 3);
  });
});

describe('retry and comments', () => {
  it('retry: sets the reconnection time and dispatches nothing', () => {
    expect(renderSseRetry(3000)).toBe('retry: 3000\n\n');
    expect(sseRetryBytes(3000)).toBe(13); // "retry: " 7 + 4 digits + 2 LF
    const p = parseEventStream(renderSseRetry(3000) + renderSseEvent(5, 'x'));
    expect(p.retry).toBe(3000);
    expect(p.events).toHaveLength(1);
    fc.assert(
      fc.property(fc.maxSafeNat(), (ms) => {
        expect(utf8(renderSseRetry(ms))).toBe(sseRetryBytes(ms));
        expect(parseEventStream(renderSseRetry(ms)).retry).toBe(ms);
      }),
    );
  });
  it('the keep-alive comment is ignored by the parser', () => {
    expect(SSE_COMMENT).toBe(': keep-alive\n\n');
    expect(SSE_COMMENT_BYTES).toBe(utf8(SSE_COMMENT));
    const p = parseEventStream(SSE_COMMENT + renderSseEvent(1, 'a') + SSE_COMMENT);
    expect(p.events.map((e) => e.data)).toEqual(['a']);
  });
});
