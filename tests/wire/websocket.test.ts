// Tests of WebSocket framing.
// Sources: RFC 6455 §5.2 (base framing, length forms), §5.3 (masking),
// §5.5 (control frames <= 125 bytes, not fragmented), §5.7 (examples, byte
// for byte, copied into the test below).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { OPCODE, frameHeaderBytes, frameBytes, encodeFrame, decodeFrame, renderFrame } from '../../src/sim/wire/websocket';

const hello = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f]);
const key = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
const bytes = (...b: number[]) => new Uint8Array(b);

describe('RFC 6455 §5.7 examples', () => {
  it('a single-frame unmasked text message "Hello"', () => {
    expect(encodeFrame({ opcode: OPCODE.text, payload: hello })).toEqual(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
  });
  it('a single-frame masked text message "Hello"', () => {
    expect(encodeFrame({ opcode: OPCODE.text, payload: hello, maskKey: key })).toEqual(
      bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
    );
  });
  it('a fragmented unmasked text message: "Hel" then "lo"', () => {
    expect(encodeFrame({ fin: false, opcode: OPCODE.text, payload: hello.slice(0, 3) })).toEqual(bytes(0x01, 0x03, 0x48, 0x65, 0x6c));
    expect(encodeFrame({ opcode: OPCODE.continuation, payload: hello.slice(3) })).toEqual(bytes(0x80, 0x02, 0x6c, 0x6f));
  });
  it('unmasked ping and masked pong with body "Hello"', () => {
    expect(encodeFrame({ opcode: OPCODE.ping, payload: hello })).toEqual(bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
    expect(encodeFrame({ opcode: OPCODE.pong, payload: hello, maskKey: key })).toEqual(
      bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
    );
  });
  it('256 bytes binary message in a single unmasked frame: 0x82 0x7E 0x0100', () => {
    const f = encodeFrame({ opcode: OPCODE.binary, payload: new Uint8Array(256).fill(0xab) });
    expect(f.slice(0, 4)).toEqual(bytes(0x82, 0x7e, 0x01, 0x00));
    expect(f.length).toBe(4 + 256);
  });
  it('64KiB binary message in a single unmasked frame: 0x82 0x7F 0x0000000000010000', () => {
    const f = encodeFrame({ opcode: OPCODE.binary, payload: new Uint8Array(65536) });
    expect(f.slice(0, 10)).toEqual(bytes(0x82, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00));
    expect(f.length).toBe(10 + 65536);
  });
});

describe('frameHeaderBytes (RFC 6455 §5.2)', () => {
  it('length boundaries 125 / 126 / 65535 / 65536', () => {
    expect([0, 125, 126, 65535, 65536, 2 ** 40].map((n) => frameHeaderBytes(n, false))).toEqual([2, 2, 4, 4, 10, 10]);
    expect([0, 125, 126, 65535, 65536].map((n) => frameHeaderBytes(n, true))).toEqual([6, 6, 8, 8, 14]);
    expect(frameBytes(5, true)).toBe(11); // the masked "Hello" above
  });
  it('equals the encoded header length, and decode inverts encode', () => {
    const len = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 65500, max: 65600 }));
    fc.assert(
      fc.property(len, fc.boolean(), fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.constantFrom(OPCODE.text, OPCODE.binary), (n, masked, k, op) => {
        const payload = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff);
        const f = encodeFrame({ opcode: op, payload, maskKey: masked ? k : undefined });
        expect(f.length).toBe(frameHeaderBytes(n, masked) + n);
        const d = decodeFrame(f);
        expect(d.headerLength).toBe(frameHeaderBytes(n, masked));
        expect(d.fin).toBe(true);
        expect(d.opcode).toBe(op);
        expect(d.masked).toBe(masked);
        expect(d.payloadLength).toBe(n);
        // A byte loop: toEqual on 64 KiB arrays is too slow for a property test.
        expect(d.payload.length).toBe(n);
        expect(d.payload.every((b, i) => b === payload[i])).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it('masking is payload[i] XOR key[i mod 4] (§5.3)', () => {
    const payload = bytes(0, 1, 2, 3, 4, 5);
    const f = encodeFrame({ opcode: OPCODE.binary, payload, maskKey: bytes(0xff, 0x0f, 0xf0, 0x00) });
    expect(f.slice(6)).toEqual(bytes(0xff, 0x0e, 0xf2, 0x03, 0xfb, 0x0a));
  });
});

describe('control frames (§5.5) and strict decoding', () => {
  it('refuses control payloads over 125 bytes and fragmented control frames', () => {
    expect(() => encodeFrame({ opcode: OPCODE.ping, payload: new Uint8Array(126) })).toThrow(/125/);
    expect(() => encodeFrame({ opcode: OPCODE.close, payload: new Uint8Array(126) })).toThrow();
    expect(encodeFrame({ opcode: OPCODE.pong, payload: new Uint8Array(125) }).length).toBe(127);
    expect(() => encodeFrame({ fin: false, opcode: OPCODE.ping, payload: hello })).toThrow();
  });
  it('refuses reserved opcodes and bad mask keys', () => {
    expect(() => encodeFrame({ opcode: 0x3, payload: hello })).toThrow();
    expect(() => encodeFrame({ opcode: OPCODE.text, payload: hello, maskKey: bytes(1, 2, 3) })).toThrow();
  });
  it('decode refuses non-minimal lengths and truncated frames', () => {
    expect(() => decodeFrame(bytes(0x81, 0x7e, 0x00, 0x05, 1, 2, 3, 4, 5))).toThrow(/minimal/);
    expect(() => decodeFrame(bytes(0x81, 0x05, 0x48))).toThrow(/truncated/);
  });
});

describe('renderFrame', () => {
  it('shows header hex, decoded fields and the unmasked text', () => {
    const f = encodeFrame({ opcode: OPCODE.text, payload: hello, maskKey: key });
    const r = renderFrame(f);
    expect(r.split('\n')[0]).toBe('81 85 37 fa 21 3d');
    expect(r).toContain('FIN=1');
    expect(r).toContain('opcode=0x1 (text)');
    expect(r).toContain('MASK=1');
    expect(r).toContain('len=5');
    expect(r).toContain('37 fa 21 3d');
    expect(r.endsWith('\nHello')).toBe(true);
  });
  it('uses the given payload text, and shows a close code', () => {
    expect(renderFrame(encodeFrame({ opcode: OPCODE.text, payload: hello }), '{"id":1}').endsWith('\n{"id":1}')).toBe(true);
    // §5.5.1 / §7.4.1: 1000 = 0x03e8, normal closure.
    expect(renderFrame(encodeFrame({ opcode: OPCODE.close, payload: bytes(0x03, 0xe8) }))).toContain('code=1000');
  });
});
