// Every traced packet carries its real text (issue 2 §4): for HTTP messages,
// chunks and SSE events the text IS the bytes on the wire, so its UTF-8
// length must equal header + framing + payload exactly, and the head part
// must be exactly http.requestHeaderBytes / responseHeaderBytes (SPEC §3).
// WebSocket frames are rendered (hex header + decoded fields + payload), so
// for them the payload text is checked instead.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveScenario, simulate } from '../../src/sim';
import { WIRE_EPOCH_MS } from '../../src/sim/wire';

const utf8 = (s: string) => new TextEncoder().encode(s).length;
/** Long bodies are shortened in traces as "… (N more bytes)" (src/sim/run/encode.ts): count the N back. */
function fullLength(text: string): number {
  const m = /… \((\d+) more bytes\)(\r\n)?$/.exec(text);
  if (!m) return utf8(text);
  return utf8(text.slice(0, m.index)) + Number(m[1]) + (m[2] ? 2 : 0);
}

const arb = fc.record({
  seed: fc.integer({ min: 0, max: 500 }),
  clients: fc.integer({ min: 1, max: 2 }),
  durationMs: fc.integer({ min: 2000, max: 12000 }),
  server: fc.record({ updateRateHz: fc.constantFrom(0, 1, 8), payloadBytes: fc.constantFrom(1, 20, 100, 1500) }),
  client: fc.record({ sendRateHz: fc.constantFrom(0, 2), payloadBytes: fc.constantFrom(1, 100, 300) }),
  http: fc.record({ requestHeaderBytes: fc.constantFrom(256, 400, 900), responseHeaderBytes: fc.constantFrom(192, 300, 1200) }),
  websocket: fc.record({ pingIntervalMs: fc.constantFrom(0, 1000) }),
  faults: fc.record({ disconnectIntervalMs: fc.constantFrom(0, 1500) }),
  streaming: fc.record({ mediaBytes: fc.constant(0) }),
});

describe('trace text', () => {
  it('is the exact bytes of every HTTP message, chunk and event, and labels agree with the updates carried', () => {
    fc.assert(
      fc.property(arb, (partial) => {
        const s = resolveScenario(partial);
        const out = simulate(s, undefined, { traceClients: 2 });
        for (const [id, r] of Object.entries(out.results)) {
          for (const p of r!.trace!.packets) {
            const text = p.text;
            const size = p.header + p.framing + p.payload;
            if (p.kind === 'tcp') {
              expect(size).toBe(0);
            } else if (id === 'websocket' && p.kind !== 'handshake') {
              // Rendered frame: the hex line of the header has framing bytes.
              const hex = text.split('\n')[0].trim().split(/\s+/);
              expect(hex.length).toBe(p.framing);
            } else {
              expect(fullLength(text)).toBe(size);
              if (p.header > 0) {
                const head = text.slice(0, text.indexOf('\r\n\r\n') + 4);
                expect(utf8(head)).toBe(p.dir === 'up' ? s.http.requestHeaderBytes : s.http.responseHeaderBytes);
                // A response's Date field (RFC 9110 §6.6.1) is its send time, the run starting at WIRE_EPOCH_MS
                // (checked with the platform's own formatter, which writes the same IMF-fixdate).
                const date = /\r\nDate: ([^\r]+)\r\n/.exec(head);
                if (p.dir === 'down' && p.kind !== 'handshake') expect(date).not.toBeNull();
                if (date) expect(date[1]).toBe(new Date(WIRE_EPOCH_MS + Math.floor(p.sendMs)).toUTCString());
              }
            }
            const m = /\[(\d+) updates?\]/.exec(p.label);
            if (m) expect(p.messages.length).toBe(Number(m[1]));
          }
        }
      }),
      { numRuns: 20 },
    );
  }, 60_000);
});
