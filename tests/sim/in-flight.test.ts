// The table of packets on their way (src/sim/run/in-flight.ts): TCP delivers
// in order, so each lane (a direction of a connection; its ends are four
// numbers on the connection) gives its packets back
// in the order they were sent, with what each carries, whatever the other
// lanes sharing the table do; one taken out of turn is an error, not another's
// data; a slot is reused once its packet has arrived or will never arrive.
import { describe, expect, it } from 'vitest';
import { InFlight, type Direction, type Lanes } from '../../src/sim/run/in-flight';
import type { Channel } from '../../src/sim/run/channel';

const ch = (id: number) => ({ id }) as unknown as Channel;
const emptyLanes = (): Lanes => ({ upHead: -1, upTail: -1, downHead: -1, downTail: -1 });
/** One direction of a connection's lanes. */
type Lane = [Lanes, Direction];
const push = (f: InFlight, [l, d]: Lane, at: number, id: number) => f.push(l, d, at, ch(id), id % 2 ? 'event' : 'response', id * 10, id + 1, null, undefined, undefined, null);
const take = (f: InFlight, [l, d]: Lane, at: number) => f.take(l, d, at);
const discard = (f: InFlight, [l, d]: Lane) => f.discard(l, d);

describe('InFlight', () => {
  it('gives back each lane’s packets in the order sent, lanes interleaved, across growth', () => {
    const f = new InFlight();
    // Both directions of one connection: they share its object, not their packets.
    const conn = emptyLanes();
    const a: Lane = [conn, 'up'];
    const b: Lane = [conn, 'down'];
    const out: string[] = [];
    let sent = 0;
    let takenA = 0;
    let takenB = 0;
    // Lane a's packets arrive at 1000 + i, lane b's at 5000 + i; pushes and takes interleave (up to 140 on their way at once).
    for (const [pushes, takes] of [[30, 10], [50, 40], [100, 60], [0, 70]]) {
      for (let i = 0; i < pushes; i++, sent++) {
        push(f, a, 1000 + sent, sent);
        push(f, b, 5000 + sent, 1000 + sent);
      }
      for (let i = 0; i < takes; i++) {
        take(f, a, 1000 + takenA++);
        out.push(`${f.channel!.id}:${f.kind}:${f.first}:${f.count}`);
        take(f, b, 5000 + takenB++);
        out.push(`${f.channel!.id}:${f.kind}:${f.first}:${f.count}`);
      }
    }
    expect(f.size).toBe(0);
    expect(conn).toEqual(emptyLanes());
    const want = Array.from({ length: 180 }, (_, i) => [i, 1000 + i].map((id) => `${id}:${id % 2 ? 'event' : 'response'}:${id * 10}:${id + 1}`)).flat();
    expect(out).toEqual(want);
  });

  it('refuses a take at a time that is not the lane’s next arrival', () => {
    const f = new InFlight();
    const a: Lane = [emptyLanes(), 'down'];
    const b: Lane = [emptyLanes(), 'down'];
    expect(() => take(f, a, 5)).toThrow('in flight: no packet arrives at 5 µs (next none)');
    push(f, a, 10, 0);
    push(f, b, 12, 1);
    push(f, a, 12, 2);
    expect(() => take(f, a, 12)).toThrow('in flight: no packet arrives at 12 µs (next at 10 µs)');
    take(f, b, 12);
    expect(f.channel).toEqual(ch(1));
  });

  it('keeps the handlers of an upstream packet with it, and the message it carries', () => {
    const f = new InFlight();
    const a: Lane = [emptyLanes(), 'up'];
    const log: string[] = [];
    const m7 = { seq: 7, generatedAt: 0, sent: true };
    const m8 = { seq: 8, generatedAt: 0, sent: true };
    type C = { id: number };
    f.push(a[0], a[1], 1, ch(7), 'request', 0, 0, null, (c, m) => log.push(`${(c as unknown as C).id}:${m!.seq}`), () => log.push('lost'), m7);
    f.push(a[0], a[1], 2, ch(8), 'request', 0, 0, null, undefined, (c, m) => log.push(`-${(c as unknown as C).id}:${m!.seq}`), m8);
    take(f, a, 1);
    f.onArrive?.(f.channel!, f.msg);
    take(f, a, 2);
    expect(f.onArrive).toBeUndefined();
    f.onLost?.(f.channel!, f.msg);
    expect(log).toEqual(['7:7', '-8:8']);
    // A taken slot lets go of its message (slots are reused).
    push(f, a, 3, 9);
    take(f, a, 3);
    expect(f.msg).toBeNull();
  });

  it('reuses the slots of packets that arrived or never will: a long run holds only what is on its way', () => {
    const f = new InFlight();
    const lanes = Array.from({ length: 10 }, (_, i): Lane => [emptyLanes(), i % 3 ? 'up' : 'down']);
    // 10,000 packets, at most 10 on their way at once: every slot comes back (the table would hold 10,000 slots otherwise).
    for (let t = 0; t < 1000; t++) {
      lanes.forEach((l, i) => push(f, l, t, i));
      lanes.forEach((l, i) => (i % 2 ? take(f, l, t) : discard(f, l)));
    }
    expect(f.size).toBe(0);
    const slotsUsed = (f as unknown as { used: number }).used;
    expect(slotsUsed).toBe(10);
    // A discarded packet is gone: the lane's next one is the one after it.
    const l = lanes[0];
    push(f, l, 5, 1);
    push(f, l, 6, 3);
    discard(f, l);
    take(f, l, 6);
    expect(f.channel).toEqual(ch(3));
    // reset: nothing on its way, whatever was.
    push(f, l, 7, 1);
    f.reset();
    expect(f.size).toBe(0);
  });
});
