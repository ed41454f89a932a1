// One direction of one client's access link: a FIFO transmitter of a fixed
// rate. Every connection of the client shares it, so a big response delays
// whatever is queued behind it (serialization and queueing delay).

import type { Micros } from '../kernel/time';

export class Link {
  /** When the transmitter is next free (µs). */
  busyUntil: Micros = 0;
  /** Serialization time per byte, in µs (8000 / kbit/s). */
  readonly usPerByte: number;

  constructor(rateKbps: number) {
    this.usPerByte = 8000 / rateKbps;
  }

  /** Put `wireBytes` on the link no earlier than `now`; returns when its last bit has left. */
  transmit(now: Micros, wireBytes: number): Micros {
    const start = now > this.busyUntil ? now : this.busyUntil;
    this.busyUntil = start + Math.round(wireBytes * this.usPerByte);
    return this.busyUntil;
  }
}
