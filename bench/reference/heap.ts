// A binary min-heap of integer events in three typed arrays (no object per
// event): ordered by (time, priority, sequence) like the project's kernel
// (src/sim/kernel/order.ts), the sequence being the order of scheduling.
// An event's payload is one int32 the caller packs (connection and kind).

/** Priority and sequence share one double: priority dominates (2^42 > any sequence). */
const PRIORITY_STEP = 2 ** 42;

export class EventHeap {
  private time: Float64Array;
  private key: Float64Array;
  private data: Int32Array;
  size = 0;
  private seq = 0;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.time = new Float64Array(n);
    this.key = new Float64Array(n);
    this.data = new Int32Array(n);
  }

  clear(): void {
    this.size = 0;
    this.seq = 0;
  }

  /** Time of the next event; Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.time[0] : Infinity;
  }

  push(t: number, priority: number, d: number): void {
    if (this.size === this.time.length) this.grow();
    const k = priority * PRIORITY_STEP + this.seq++;
    const { time, key, data } = this;
    let i = this.size++;
    // Sift up: move parents down into the hole until the new event fits.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p];
      if (pt < t || (pt === t && key[p] < k)) break;
      time[i] = pt;
      key[i] = key[p];
      data[i] = data[p];
      i = p;
    }
    time[i] = t;
    key[i] = k;
    data[i] = d;
  }

  /** Remove the next event and return its payload (its time was peekTime()). */
  pop(): number {
    const { time, key, data } = this;
    const top = data[0];
    const n = --this.size;
    if (n === 0) return top;
    const t = time[n];
    const k = key[n];
    const d = data[n];
    let i = 0;
    // Sift down the last event from the root.
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (time[r] < time[c] || (time[r] === time[c] && key[r] < key[c]))) c = r;
      const ct = time[c];
      if (t < ct || (t === ct && k < key[c])) break;
      time[i] = ct;
      key[i] = key[c];
      data[i] = data[c];
      i = c;
    }
    time[i] = t;
    key[i] = k;
    data[i] = d;
    return top;
  }

  private grow(): void {
    const n = this.time.length * 2;
    const time = new Float64Array(n);
    const key = new Float64Array(n);
    const data = new Int32Array(n);
    time.set(this.time);
    key.set(this.key);
    data.set(this.data);
    this.time = time;
    this.key = key;
    this.data = data;
  }
}
