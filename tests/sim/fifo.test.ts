// The FIFO of a client's waiting requests and upstream messages
// (src/sim/run/fifo.ts): O(1) push and shift, items at absolute positions
// (`base` counts those shifted out) so that a reader's cursor stays valid,
// and memory that follows what is queued (it compacts after 1,024 shifts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Fifo } from '../../src/sim/run/fifo';

describe('Fifo', () => {
  it('behaves as an array queue, with absolute positions, over random pushes and shifts (compactions included)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2500 }), { minLength: 1, maxLength: 12 }), (steps) => {
        const q = new Fifo<number>();
        const model: number[] = [];
        let next = 0;
        let shifted = 0;
        steps.forEach((n, k) => {
          // Even steps push n items, odd ones shift up to n (past the 1,024 that start a compaction).
          if (k % 2 === 0) {
            for (let i = 0; i < n; i++, next++) {
              q.push(next);
              model.push(next);
            }
          } else {
            for (let i = 0; i < n; i++) {
              if (model.length > 0) shifted++;
              expect(q.shift()).toBe(model.shift());
            }
          }
          expect(q.length).toBe(model.length);
          expect(q.base).toBe(shifted);
          // Item i of the model is at absolute position base + i; an item keeps its position as others leave.
          if (model.length > 0) {
            expect(q.at(q.base)).toBe(model[0]);
            expect(q.at(q.base + model.length - 1)).toBe(model[model.length - 1]);
            expect(q.at(model[0])).toBe(model[0]);
          }
          expect([...q]).toEqual(model);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('removes an item at the head in O(1), as a shift (an upstream message reaching the server, in order)', () => {
    const q = new Fifo<{ n: number }>();
    const items = [{ n: 0 }, { n: 1 }, { n: 2 }];
    for (const it of items) q.push(it);
    expect(q.remove(items[0])).toBe(true);
    expect(q.base).toBe(1);
    expect(q.at(1)).toBe(items[1]);
    expect(q.remove({ n: 9 })).toBe(false);
    expect(q.length).toBe(2);
  });
});
