// A first-in first-out queue with O(1) push and shift (Array.shift is O(n):
// a client whose polls or upstream messages pile up by the hundred thousand
// made runs quadratic). Items keep absolute positions (`base` counts the
// ones shifted out), so a reader can keep a cursor into the queue.

export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  /** Items shifted out so far: the absolute position of the first item. */
  base = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    this.base++;
    // Compact now and then, so memory follows what is queued, not what passed.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** The item at absolute position `pos` (base <= pos < base + length). */
  at(pos: number): T | undefined {
    return this.items[this.head + pos - this.base];
  }

  /** Remove `item`: O(1) at the head (the usual case), else a scan. */
  remove(item: T): boolean {
    if (this.length > 0 && this.items[this.head] === item) {
      this.shift();
      return true;
    }
    for (let i = this.head + 1; i < this.items.length; i++) {
      if (this.items[i] === item) {
        this.items.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as T;
  }
}
