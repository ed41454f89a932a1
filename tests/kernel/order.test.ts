// Pins the one ordering rule of the simulation (REFERENCES.md, "Simulation
// practice"): events run by time, then priority (lower first), then insertion
// sequence (FIFO among equals), as SimPy does. Changing it changes every result.
import { describe, it, expect } from 'vitest';
import { compareEvents, MAX_EVENT_TIME, orderKey, PRIORITY, PRIORITY_LEVELS, type Ordered } from '../../src/sim/kernel/order';
import { Kernel } from '../../src/sim/kernel/kernel';

const ev = (time: number, priority: number, seq: number): Ordered => ({ time, priority, seq });

describe('PRIORITY', () => {
  it('orders feed < network < timer at equal time', () => {
    expect(PRIORITY.feed).toBeLessThan(PRIORITY.network);
    expect(PRIORITY.network).toBeLessThan(PRIORITY.timer);
  });

  it('uses fixed numbers (renumbering would change every result)', () => {
    expect(PRIORITY).toEqual({ feed: 0, network: 1, timer: 2 });
  });
});

describe('compareEvents', () => {
  it('puts the earlier time first, whatever the priority and sequence', () => {
    // The highest priority there is (PRIORITY_LEVELS - 1) and a later sequence still lose to an earlier time.
    expect(compareEvents(ev(1, 3, 9), ev(2, 0, 0))).toBeLessThan(0);
    expect(compareEvents(ev(2, 0, 0), ev(1, 3, 9))).toBeGreaterThan(0);
  });

  it('at equal time puts the lower priority number first, whatever the sequence', () => {
    expect(compareEvents(ev(5, 0, 9), ev(5, 1, 0))).toBeLessThan(0);
    expect(compareEvents(ev(5, 2, 0), ev(5, 1, 9))).toBeGreaterThan(0);
  });

  it('keeps time and priority apart in one key: every priority below PRIORITY_LEVELS, the latest time exact', () => {
    for (const p of Object.values(PRIORITY)) expect(p).toBeLessThan(PRIORITY_LEVELS);
    // The last priority of a time still comes before the first of the next time, up to the latest time allowed.
    for (const t of [0, 1, 3_600_000_000, MAX_EVENT_TIME - 1]) {
      expect(orderKey(t, PRIORITY_LEVELS - 1)).toBeLessThan(orderKey(t + 1, 0));
      expect(Number.isSafeInteger(orderKey(t + 1, PRIORITY_LEVELS - 1))).toBe(true);
    }
  });

  it('at equal time and priority puts the earlier insertion first (FIFO)', () => {
    expect(compareEvents(ev(5, 1, 3), ev(5, 1, 4))).toBeLessThan(0);
    expect(compareEvents(ev(5, 1, 4), ev(5, 1, 3))).toBeGreaterThan(0);
  });

  it('returns 0 only for the same (time, priority, seq)', () => {
    expect(compareEvents(ev(5, 1, 3), ev(5, 1, 3))).toBe(0);
  });

  it('sorts a shuffled list into (time, priority, seq) order', () => {
    const sorted = [ev(0, 0, 4), ev(0, 2, 1), ev(10, 0, 5), ev(10, 0, 6), ev(10, 1, 0), ev(10, 2, 2), ev(11, 0, 3)];
    const shuffled = [sorted[5], sorted[2], sorted[6], sorted[0], sorted[4], sorted[1], sorted[3]];
    expect([...shuffled].sort(compareEvents)).toEqual(sorted);
  });

  it('works with times far beyond an hour in microseconds', () => {
    const hour = 3_600_000_000;
    expect(compareEvents(ev(hour * 1000, 0, 0), ev(hour * 1000 + 1, 0, 0))).toBeLessThan(0);
  });
});

describe('Kernel run order', () => {
  it('runs events by time, then priority, then insertion order', () => {
    const k = new Kernel();
    const log: string[] = [];
    const add = (name: string, time: number, priority: number) => k.at(time, priority, () => log.push(name));
    // Inserted deliberately out of order.
    add('t20-timer', 20, PRIORITY.timer);
    add('t10-timer-a', 10, PRIORITY.timer);
    add('t10-network', 10, PRIORITY.network);
    add('t10-timer-b', 10, PRIORITY.timer);
    add('t10-feed', 10, PRIORITY.feed);
    add('t5-timer', 5, PRIORITY.timer);
    add('t10-network-b', 10, PRIORITY.network);
    k.run(100);
    expect(log).toEqual(['t5-timer', 't10-feed', 't10-network', 't10-network-b', 't10-timer-a', 't10-timer-b', 't20-timer']);
  });

  it('keeps FIFO among 1000 equal events (a heap alone is not stable)', () => {
    const k = new Kernel();
    const log: number[] = [];
    for (let i = 0; i < 1000; i++) k.at(7, PRIORITY.network, () => log.push(i));
    k.run(8);
    expect(log).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('a feed update at t is queued before a request arriving at t is handled, and timers come last', () => {
    const k = new Kernel();
    const log: string[] = [];
    k.at(1000, PRIORITY.timer, () => log.push('poll timer'));
    k.at(1000, PRIORITY.network, () => log.push('request arrives'));
    k.at(1000, PRIORITY.feed, () => log.push('update generated'));
    k.run(2000);
    expect(log).toEqual(['update generated', 'request arrives', 'poll timer']);
  });

  it('FIFO holds across events scheduled from inside callbacks', () => {
    const k = new Kernel();
    const log: string[] = [];
    k.at(10, PRIORITY.network, () => {
      log.push('a');
      k.at(20, PRIORITY.network, () => log.push('a-child'));
    });
    k.at(20, PRIORITY.network, () => log.push('b')); // inserted before a-child
    k.run(100);
    expect(log).toEqual(['a', 'b', 'a-child']);
  });
});
