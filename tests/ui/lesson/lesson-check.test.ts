// The lesson file's checks without a schema library (src/app/lesson/check.ts):
// each kind of refusal keeps the exact message lessons were refused with
// before (zod's wording, recorded from it), naming the step and the field,
// and the first refusal in field order wins.
import { describe, expect, it } from 'vitest';
import { LessonError, parseLesson } from '../../../src/app/lesson/lesson';

const step = (o: object) => ({ title: 'x', steps: [{ title: 'a', ...o }] });
const many = (n: number, item: object) => Array.from({ length: n }, () => item);

const REFUSALS: [string, unknown, string][] = [
  ['not an object', 5, 'the lesson: Invalid input: expected object, received number'],
  ['null', null, 'the lesson: Invalid input: expected object, received null'],
  ['an array', [], 'the lesson: Invalid input: expected object, received array'],
  ['no title', { steps: [{ title: 'a' }] }, 'title: Invalid input: expected string, received undefined'],
  ['an empty title', { title: '', steps: [{ title: 'a' }] }, 'title: Too small: expected string to have >=1 characters'],
  ['a long title', { title: 'x'.repeat(121), steps: [{ title: 'a' }] }, 'title: Too big: expected string to have <=120 characters'],
  ['no steps', { title: 'x' }, 'steps: Invalid input: expected array, received undefined'],
  ['no step', { title: 'x', steps: [] }, 'steps: Too small: expected array to have >=1 items'],
  ['31 steps, the first bad (the count first)', { title: 'x', steps: [{ title: 3 }, ...many(30, { title: 'a' })] }, 'steps: Too big: expected array to have <=30 items'],
  ['an unknown key', { title: 'x', steps: [{ title: 'a' }], foo: 1 }, 'the lesson: Unrecognized key: "foo"'],
  ['unknown keys', { title: 'x', steps: [{ title: 'a' }], foo: 1, bar: 2 }, 'the lesson: Unrecognized keys: "foo", "bar"'],
  ['an unknown key and a bad step (fields first)', { foo: 1, title: 'x', steps: [{ title: 3 }] }, 'step 1, title: Invalid input: expected string, received number'],
  ['a step that is no object', { title: 'x', steps: [3] }, 'step 1: Invalid input: expected object, received number'],
  ['a hole in the steps', { title: 'x', steps: new Array<unknown>(2).fill({ title: 'a' }, 1) }, 'step 1: Invalid input: expected object, received undefined'],
  ['a scenario that is an array', step({ scenario: [] }), 'step 1, scenario: Invalid input: expected record, received array'],
  ['a scenario value of no type', step({ scenario: { clients: true } }), 'step 1, scenario.clients: Invalid input'],
  ['a scenario value NaN', step({ scenario: { clients: NaN } }), 'step 1, scenario.clients: Invalid input'],
  ['an unknown view', step({ view: 'pie' }), 'step 1, view: Invalid option: expected one of "compare"|"focus"|"charts"|"sweep"'],
  ['an unknown technique', step({ techniques: ['sse', 'x'] }), 'step 1, techniques[1]: Invalid option: expected one of "polling"|"long-polling"|"sse"|"websocket"|"streaming"'],
  ['no technique', step({ techniques: [] }), 'step 1, techniques: Too small: expected array to have >=1 items'],
  ['six techniques', step({ techniques: many(6, 'sse' as unknown as object) }), 'step 1, techniques: Too big: expected array to have <=5 items'],
  ['a long intro', step({ intro: 'x'.repeat(401) }), 'step 1, intro: Too big: expected string to have <=400 characters'],
  ['a null intro', step({ intro: null }), 'step 1, intro: Invalid input: expected string, received null'],
  ['a speed as text', step({ speed: '1' }), 'step 1, speed: Invalid input: expected number, received string'],
  ['an infinite speed', step({ speed: Infinity }), 'step 1, speed: Invalid input: expected number, received Infinity'],
  ['a NaN speed', step({ speed: NaN }), 'step 1, speed: Invalid input: expected number, received NaN'],
  ['a speed too low', step({ speed: 0 }), 'step 1, speed: Too small: expected number to be >=0.1'],
  ['a speed too high', step({ speed: 1e9 }), 'step 1, speed: Too big: expected number to be <=10'],
  ['an unknown chart', step({ chart: 'pie' }), 'step 1, chart: Invalid option: expected one of "summary"|"costs"|"bandwidth-down"|"bandwidth-up"|"requests"|"connections"|"server"|"energy"|"latency"|"media"'],
  ['21 pauses', step({ pauses: many(21, { at: 1, caption: 'c' }) }), 'step 1, pauses: Too big: expected array to have <=20 items'],
  ['a pause before 0', step({ pauses: [{ at: -1, caption: 'c' }] }), 'step 1, pauses[0].at: Too small: expected number to be >=0'],
  ['an unknown moment', step({ pauses: [{ at: 'later', caption: 'c' }] }), 'step 1, pauses[0].at: Invalid input'],
  ['no moment', step({ pauses: [{ caption: 'c' }] }), 'step 1, pauses[0].at: Invalid input'],
  ['no caption', step({ pauses: [{ at: 1 }] }), 'step 1, pauses[0].caption: Invalid input: expected string, received undefined'],
  ['an unknown key in a pause, after its fields', step({ pauses: [{ x: 1, at: -1, caption: 'c' }] }), 'step 1, pauses[0].at: Too small: expected number to be >=0'],
  ['an unknown key in a pause', step({ pauses: [{ at: 1, caption: 'c', x: 1 }] }), 'step 1, pauses[0]: Unrecognized key: "x"'],
  ['an unknown key in a step', step({ bogus: 1 }), 'step 1: Unrecognized key: "bogus"'],
  ['a __proto__ key in a step', JSON.parse('{"title":"x","steps":[{"title":"a","__proto__":{"x":1}}]}'), 'step 1: Unrecognized key: "__proto__"'],
  ['two bad fields: the first in field order', step({ pauses: 3, view: 'x' }), 'step 1, view: Invalid option: expected one of "compare"|"focus"|"charts"|"sweep"'],
];

describe('lesson checks', () => {
  for (const [what, input, message] of REFUSALS) {
    it(`refuses ${what}`, () => {
      let error: unknown = null;
      try {
        parseLesson(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LessonError);
      expect((error as Error).message).toBe(`lesson: ${message}`);
    });
  }

  it('fills what a step leaves out, and takes undefined as left out', () => {
    const l = parseLesson(step({ speed: undefined, technique: undefined, pauses: undefined, scenario: undefined, chart: undefined }));
    expect(l.steps[0]).toEqual({ title: 'a', scenario: {}, view: 'compare', technique: 'polling', techniques: ['polling', 'long-polling', 'sse', 'websocket', 'streaming'], intro: '', pauses: [], speed: 1 });
    expect(parseLesson(step({ pauses: [{ at: 0, caption: 'c' }, { at: 'end', caption: 'd' }] })).steps[0].pauses).toEqual([
      { at: 0, caption: 'c' },
      { at: 'end', caption: 'd' },
    ]);
  });
});
