// docs/validation.md names each check by an id that tests and notes cite
// ("validation s1"): an id used twice names two checks, so each must be unique.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('docs/validation.md', () => {
  it('gives every check its own id', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'validation.md'), 'utf8');
    const ids = text
      .split('\n')
      .filter((l) => /^\| [a-z][a-z0-9]* \|/.test(l))
      .map((l) => l.split('|')[1].trim());
    expect(ids.length).toBeGreaterThan(50);
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(twice).toEqual([]);
  });
});
