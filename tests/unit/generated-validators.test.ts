import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUT, generateValidators } from '../../scripts/generate-validators';

describe('the precompiled schema validators', () => {
  it('are what docs/*.schema.json compile to today (npm run generate:validators after a schema change)', () => {
    expect(readFileSync(OUT, 'utf8') === generateValidators()).toBe(true);
  });
});
