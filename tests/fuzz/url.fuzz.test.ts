// Fuzz of the URL codec (issue 7): random query strings of known and unknown
// parameters with hostile values. decode() must never throw; every notice it
// returns is short and printable; the state it returns is one the page can
// run: every scenario value valid, the run within the page's work budget,
// the playhead within the run; and writing that state and reading it back
// gives it again with no notice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkValue, KEYS, mediaWork, nest } from '../../src/sim';
import { encode, URL_MEDIA_BUDGET, URL_WORK_BUDGET } from '../../src/app/url/codec';
import { decode } from '../../src/app/url/decode';
import { workUnits } from '../../src/app/compute/cost';
import { MAX_SPEED, MIN_SPEED } from '../../src/app/view-ids';
import { CONTROL, hostileText, numberText, runs, tallied } from './fuzz';

const param = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KEYS.map((k) => k.key)) },
  { weight: 3, arbitrary: fc.constantFrom('view', 'technique', 't', 'speed', 'time', 'techniques', 'theme', 'embed', 'autoplay', 'loop', 'controls') },
  { weight: 1, arbitrary: hostileText },
);
const value = fc.oneof(
  numberText,
  hostileText,
  fc.constantFrom('compare', 'focus', 'sweep', 'sse', 'polling,sse', 'none', 'lesson', 'real', 'none,playback', 'playback,network.latencyMs', 'projector', '1', '0', 'bursty'),
  fc.array(fc.constantFrom('sse', 'none', 'playback', 'clients', 'bogus', ''), { maxLength: 5 }).map((a) => a.join(',')),
);

describe('URL fuzz', () => {
  it('decode never throws, notices are short and printable, the state runs and round-trips', () => {
    const tally = { cases: 0, 'with notices': 0, notices: 0, failures: 0 };
    tallied('URL codec', tally, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(param, value), { maxLength: 8 }), fc.boolean(), (pairs, raw) => {
          tally.cases++;
          // Either well-formed (URLSearchParams) or raw text with stray %, & and =.
          const q = raw ? pairs.map(([k, v]) => `${k}=${v}`).join('&') : new URLSearchParams(pairs).toString();
          const { state, issues } = decode(q);
          if (issues.length > 0) tally['with notices']++;
          tally.notices += issues.length;
          for (const i of issues) {
            for (const [field, max] of [[i.param, 60], [i.value, 80], [i.problem, 300], [i.used, 200]] as [string, number][]) {
              expect(field.length).toBeLessThanOrEqual(max + 30);
              expect(CONTROL.test(field)).toBe(false);
            }
          }
          for (const k of KEYS) expect(checkValue(k.key, state.values[k.key])).toBe(state.values[k.key]);
          const s = nest(new Map(Object.entries(state.values)));
          expect(workUnits(s)).toBeLessThanOrEqual(URL_WORK_BUDGET);
          expect(mediaWork(s)).toBeLessThanOrEqual(URL_MEDIA_BUDGET);
          expect(state.t).toBeGreaterThanOrEqual(0);
          expect(state.t).toBeLessThanOrEqual(s.durationMs);
          expect(state.speed).toBeGreaterThanOrEqual(MIN_SPEED);
          expect(state.speed).toBeLessThanOrEqual(MAX_SPEED);
          expect(state.shown.length).toBeGreaterThan(0);
          const again = decode(encode(state));
          expect(again.issues).toEqual([]);
          expect(again.state.values).toEqual(state.values);
          expect(again.state.view).toBe(state.view);
          expect(again.state.time).toBe(state.time);
          expect(again.state.embed).toEqual(state.embed);
        }),
        { numRuns: runs(400) },
      );
    });
  }, 120_000);
});
