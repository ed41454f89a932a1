// Trace texts of long messages are built without the full string
// (src/sim/run/bounded-text.ts). They must read exactly like the wire
// renderers' full output shortened at TEXT_LIMIT: the same first 2,000
// characters and the right count of bytes left out.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Encoder } from '../../src/sim/run/encode';
import { ssePackets } from '../../src/sim/techniques/sse/packets';
import { streamingPackets } from '../../src/sim/techniques/streaming/packets';
import { TEXT_LIMIT } from '../../src/sim/run/bounded-text';
import { resolveScenario } from '../../src/sim';
import { renderBatch, renderChunk, renderSseEvent, renderUpdatePayload, renderUpstreamPayload, renderRequestHead } from '../../src/sim/wire';

const clip = (s: string) => (s.length <= TEXT_LIMIT ? s : `${s.slice(0, TEXT_LIMIT)}… (${s.length - TEXT_LIMIT} more bytes)`);
const time = (i: number) => 1000 * (i * 37.5 + 0.25); // µs

function encoder(updBytes: number, upBytes: number) {
  // Heads of one size (400 / 300 B) so that the head before the clipped body is known.
  const s = resolveScenario({ server: { payloadBytes: updBytes }, client: { payloadBytes: upBytes }, http: { requestHeaderBytes: 400, responseHeaderBytes: 300 } });
  return new Encoder(s, time);
}

const update = (i: number, bytes: number) => renderUpdatePayload(i + 1, time(i) / 1000, bytes);

describe('bounded trace text', () => {
  it('equals the clipped full rendering for batches, SSE events, chunks and POST bodies', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9000 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 99999 }), (bytes, count, first) => {
        const enc = encoder(bytes, bytes);
        const batch = enc.batch(count);
        const items = Array.from({ length: count }, (_, k) => update(first + k, bytes));
        const body = renderBatch(items);
        const head = batch.text(first, count, 0).slice(0, 300);
        expect(batch.text(first, count, 0)).toBe(head + clip(body));
        expect(ssePackets(enc).event(first).text(first, 1, 0)).toBe(clip(renderChunk(renderSseEvent(first + 1, update(first, bytes)))));
        expect(streamingPackets(enc).chunk.text(first, 1, 0)).toBe(clip(renderChunk(update(first, bytes))));
        const postHead = renderRequestHead('post', { headerBytes: 400, host: 'push.example', path: '/send', contentLength: bytes });
        expect(enc.post().text(first, 0, 3)).toBe(postHead + clip(renderUpstreamPayload(3, first, bytes)));
      }),
      { numRuns: 150 },
    );
  });

  it('does not build the full text: 100 updates of 16 MiB in one poll answer render at once', () => {
    const enc = encoder(16 * 2 ** 20, 100);
    const text = enc.batch(100).text(0, 100, 0);
    const body = 2 + 99 + 100 * 16 * 2 ** 20;
    expect(text.endsWith(`… (${body - TEXT_LIMIT} more bytes)`)).toBe(true);
    expect(text.length).toBeLessThan(300 + TEXT_LIMIT + 40);
  });
});

describe('trace texts stay bounded (issue 7 review: 64 KiB heads and 16 MiB frames)', () => {
  it('a frame head is rendered without its payload, the same as renderFrame writes it', async () => {
    const { encodeFrame, renderFrame, renderFrameHead, OPCODE } = await import('../../src/sim/wire');
    for (const len of [0, 1, 125, 126, 65535, 65536, 70000]) {
      for (const key of [undefined, new Uint8Array([1, 2, 3, 4])]) {
        const full = renderFrame(encodeFrame({ opcode: OPCODE.text, payload: new Uint8Array(len).fill(120), maskKey: key }));
        const head = renderFrameHead(OPCODE.text, len, key);
        expect(full.startsWith(head)).toBe(true);
        expect(head.split('\n')).toHaveLength(3);
      }
    }
  });

  it('64 KiB request and response heads and 16 MiB WebSocket frames: every traced text at most TRACE_TEXT_MAX characters, quickly', async () => {
    const { resolveScenario, simulate } = await import('../../src/sim');
    const { TRACE_TEXT_MAX } = await import('../../src/sim/run/bounded-text');
    const s = resolveScenario({ durationMs: 3000, http: { requestHeaderBytes: 65536, responseHeaderBytes: 65536 }, client: { sendRateHz: 5, payloadBytes: 16777216 }, server: { payloadBytes: 16777216, updateRateHz: 2 }, streaming: { mediaBytes: 0 } });
    const out = simulate(s, ['polling', 'websocket'], { traceClients: 1 });
    const json = JSON.stringify(out);
    for (const id of ['polling', 'websocket'] as const) for (const p of out.results[id]!.trace!.packets) expect(p.text.length).toBeLessThanOrEqual(TRACE_TEXT_MAX + 60);
    expect(json.length).toBeLessThan(10_000_000);
  }, 30000);
});
