// The ring of a connection's packets on their way (src/sim/run/in-flight.ts):
// TCP delivers in order, so packets leave in the order they were sent, with
// what each carries; one taken out of turn is an error, not another's data.
import { describe, expect, it } from 'vitest';
import { InFlight } from '../../src/sim/run/in-flight';
import type { Channel } from '../../src/sim/run/channel';

const ch = (id: number) => ({ id }) as unknown as Channel;

describe('InFlight', () => {
  it('gives back each packet in the order sent, across wrap-around and growth', () => {
    const f = new InFlight();
    const out: string[] = [];
    let sent = 0;
    let t = 0;
    // Interleave pushes and takes so that the ring wraps before it grows (4, then 8, then 16 slots).
    for (const [push, take] of [[3, 2], [3, 3], [9, 4], [1, 7]]) {
      for (let i = 0; i < push; i++, sent++) f.push(1000 + sent, ch(sent), sent % 2 ? 'event' : 'response', sent * 10, sent + 1, null, undefined, undefined, null);
      for (let i = 0; i < take; i++, t++) {
        f.take(1000 + t);
        out.push(`${f.channel!.id}:${f.kind}:${f.first}:${f.count}`);
      }
    }
    expect(f.length).toBe(0);
    expect(out).toEqual(Array.from({ length: 16 }, (_, i) => `${i}:${i % 2 ? 'event' : 'response'}:${i * 10}:${i + 1}`));
  });

  it('refuses a take at a time that is not the next arrival', () => {
    const f = new InFlight();
    expect(() => f.take(5)).toThrow('in flight: no packet arrives at 5 µs (next none)');
    f.push(10, ch(0), 'event', 0, 1, null, undefined, undefined, null);
    f.push(12, ch(1), 'event', 1, 1, null, undefined, undefined, null);
    expect(() => f.take(12)).toThrow('in flight: no packet arrives at 12 µs (next at 10 µs)');
  });

  it('keeps the handlers of an upstream packet with it, and the message it carries', () => {
    const f = new InFlight();
    const log: string[] = [];
    const m7 = { seq: 7, generatedAt: 0, sent: true };
    const m8 = { seq: 8, generatedAt: 0, sent: true };
    f.push(1, ch(7), 'request', 0, 0, null, (c, m) => log.push(`${c.id}:${m!.seq}`), () => log.push('lost'), m7);
    f.push(2, ch(8), 'request', 0, 0, null, undefined, (c, m) => log.push(`-${c.id}:${m!.seq}`), m8);
    f.take(1);
    f.onArrive?.(f.channel!, f.msg);
    f.take(2);
    expect(f.onArrive).toBeUndefined();
    f.onLost?.(f.channel!, f.msg);
    expect(log).toEqual(['7:7', '-8:8']);
    // A taken slot lets go of its message (the ring is reused for the connection's life).
    f.push(3, ch(9), 'event', 0, 1, null, undefined, undefined, null);
    f.take(3);
    expect(f.msg).toBeNull();
  });
});
