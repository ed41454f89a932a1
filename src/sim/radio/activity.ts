// One client's radio over a run: the times at which it sent or received a
// packet, and from them the time it spent in each state (idle, promoting,
// tail stage 1, tail stage 2) and how often it woke up.
//
// Packets are seen when they are sent (up) and when they arrive (down), so
// the times come out of order; they are kept in a typed array reused from
// client to client (no allocation per packet) and sorted once at the
// client's end. Every total is an integer of µs or a count, so totals of
// shards of clients add exactly, whatever the split.

import type { RadioProfile } from './profiles';
import type { RadioLogPort } from './support';
import type { RadioTimes } from './times';
import type { RadioSpan, RadioState } from '../types';

const TIME_OF: Record<RadioState, 'idleUs' | 'promotionUs' | 'tailUs' | 'fachUs'> = { idle: 'idleUs', promotion: 'promotionUs', tail: 'tailUs', fach: 'fachUs' };

export class RadioLog implements RadioLogPort {
  private times = new Float64Array(64);
  private n = 0;

  constructor(private readonly profile: RadioProfile) {}

  /** The radio sent or received a packet at `t` (µs). */
  saw(t: number): void {
    if (this.n === this.times.length) {
      const grown = new Float64Array(this.n * 2);
      grown.set(this.times);
      this.times = grown;
    }
    this.times[this.n++] = t;
  }

  /**
   * The client's run is over at `endUs`: add its time in each state to
   * `into` (a partition of [startUs, endUs), from the client's arrival:
   * idle + promotion + tail + fach = endUs - startUs) and forget its packets.
   *
   * The radio is idle until its first packet. A packet while idle wakes it:
   * the promotion takes the time just before the packet (at most what idle
   * there was), so packets keep their times (the promotion's delay is not
   * added to them; see docs/model.md). After a packet, the radio stays in
   * its tail: stage 1, then stage 2, then idle; a packet in the tail starts
   * the tail again.
   */
  close(startUs: number, endUs: number, into: RadioTimes, spans?: RadioSpan[]): void {
    const p = this.profile;
    const t1 = p.tail[0].us;
    const tailAll = t1 + p.tail[1].us;
    const ts = this.times.subarray(0, this.n).sort();
    /** [from, to) in `state`: counted, and kept as a span for a traced client (touching spans of one state merged). */
    const add = (state: RadioState, from: number, to: number) => {
      if (to <= from) return;
      into[TIME_OF[state]] += to - from;
      if (!spans) return;
      const prev = spans[spans.length - 1];
      if (prev && prev.state === state && prev.toMs === from / 1000) prev.toMs = to / 1000;
      else spans.push({ state, fromMs: from / 1000, toMs: to / 1000 });
    };
    /** The tail after a packet at `at`, `gap` µs of it (at most the whole tail): stage 1 first. */
    const tail = (at: number, gap: number) => {
      add('tail', at, at + Math.min(gap, t1));
      add('fach', at + t1, at + gap);
    };
    let last = -1;
    for (let i = 0; i < ts.length && ts[i] < endUs; i++) {
      const t = ts[i];
      if (last < 0 || t - last > tailAll) {
        const idleFrom = last < 0 ? startUs : last + tailAll;
        if (last >= 0) tail(last, tailAll);
        const promotion = Math.min(p.promotionUs, t - idleFrom);
        add('idle', idleFrom, t - promotion);
        add('promotion', t - promotion, t);
        into.wakeups++;
      } else tail(last, t - last);
      last = t;
    }
    if (last < 0) add('idle', startUs, endUs);
    else {
      const gap = endUs - last;
      tail(last, Math.min(gap, tailAll));
      if (gap > tailAll) add('idle', last + tailAll, endUs);
    }
    this.n = 0;
  }

}
