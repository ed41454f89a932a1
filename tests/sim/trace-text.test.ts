// The trace's packet text is what the wire formats write (issue 9: "a test
// compares the trace text with it, not only lengths"). Each expected text is
// built here from the full payload by the formats' plain string renderers,
// and a WebSocket frame from its real bytes (encodeFrame, then decoded by
// renderFrame), independently of the bounded writers the tracer uses.
import { describe, expect, it } from 'vitest';
import { simulate, TECHNIQUES, type TracePacket } from '../../src/sim';
import { encodeFrame, OPCODE, renderBatch, renderChunk, renderFrame, renderSseEvent, renderUpdatePayload } from '../../src/sim/wire';
import { scenario } from '../techniques/helpers';

const BYTES = 60;
const s = scenario({ clients: 1, durationMs: 8000, server: { updateRateHz: 2, payloadBytes: BYTES, updatePattern: 'periodic' } });
const out = simulate(s, TECHNIQUES, { traceClients: 1 });

function check(id: (typeof TECHNIQUES)[number], pick: (p: TracePacket) => boolean, expected: (p: TracePacket, payload: (i: number) => string) => string): number {
  const trace = out.results[id]!.trace!;
  const payload = (msg: number) => renderUpdatePayload(msg, trace.updatesMs[msg - 1], BYTES);
  const packets = trace.packets.filter(pick);
  for (const p of packets) expect(p.text, `${id} ${p.label}`).toBe(expected(p, payload));
  return packets.length;
}

/** The body after the head's blank line. */
const body = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4);

describe('trace text is the wire format', () => {
  it('SSE: each event is renderChunk(renderSseEvent(id, update))', () => {
    const n = check('sse', (p) => p.kind === 'event', (p, payload) => renderChunk(renderSseEvent(p.messages[0], payload(p.messages[0]))));
    expect(n).toBeGreaterThanOrEqual(14);
  });

  it('HTTP streaming: each update is renderChunk(update)', () => {
    expect(check('streaming', (p) => p.kind === 'chunk', (p, payload) => renderChunk(payload(p.messages[0])))).toBeGreaterThanOrEqual(14);
  });

  it('WebSocket: each update frame is its real bytes, decoded', () => {
    const n = check('websocket', (p) => p.kind === 'frame' && p.dir === 'down', (p, payload) =>
      renderFrame(encodeFrame({ opcode: OPCODE.text, payload: new TextEncoder().encode(payload(p.messages[0])) })),
    );
    expect(n).toBeGreaterThanOrEqual(14);
  });

  it('polling and long polling: each answer body is renderBatch of its updates', () => {
    for (const id of ['polling', 'long-polling'] as const) {
      const answers = out.results[id]!.trace!.packets.filter((p) => p.kind === 'response');
      expect(answers.some((p) => p.messages.length > 0)).toBe(true);
      check(id, (p) => p.kind === 'response', (p, payload) => p.text.slice(0, p.text.length - body(p.text).length) + renderBatch(p.messages.map(payload)));
    }
  });
});
