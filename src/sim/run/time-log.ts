// A growable list of times (µs) in a typed array: when each connection
// opened or closed, 8 bytes per entry, so a million connections are 8 MB.

export class TimeLog {
  private data = new Float64Array(1024);
  length = 0;

  push(t: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = t;
  }

  /** Append another log's times (a shard's). */
  append(other: TimeLog): void {
    for (const t of other.values()) this.push(t);
  }

  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
