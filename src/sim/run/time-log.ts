// A growable list of times (µs) in a typed array: when each connection
// opened or closed, 8 bytes per entry, so a million connections are 8 MB.

export class TimeLog {
  private data = new Float64Array(1024);
  length = 0;

  push(t: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = t;
  }

  /** Append times in order (a shard's log). */
  append(times: Float64Array): void {
    if (this.length + times.length > this.data.length) this.grow(this.length + times.length);
    this.data.set(times, this.length);
    this.length += times.length;
  }

  private grow(atLeast: number): void {
    let size = this.data.length * 2;
    while (size < atLeast) size *= 2;
    const next = new Float64Array(size);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
