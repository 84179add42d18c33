import { describe, expect, it } from 'vitest';
import { diffRuns } from '../../src/core/run-diff';
import { resultFixture } from '../support/result-fixtures';

const m = resultFixture().metrics;

describe('diffRuns', () => {
  it('pairs results by task, in numeric task order, with deltas b - a', () => {
    const a = [
      resultFixture({ id: 'a2', taskId: '2' }),
      resultFixture({ id: 'a10', taskId: '10' }),
      resultFixture({ id: 'a1', taskId: '1' }),
    ];
    const b = [
      resultFixture({
        id: 'b1',
        taskId: '1',
        output: 'Different',
        metrics: { ...m, ttftMs: 150, decodeTokensPerS: 20 },
      }),
      resultFixture({ id: 'b2', taskId: '2' }),
    ];
    const d = diffRuns(a, b);
    expect(d.map((x) => x.taskId)).toEqual(['1', '2', '10']);
    expect(d[0]).toMatchObject({ sameOutput: false, ttftDeltaMs: 30 });
    expect(d[0]?.decodeDeltaTokensPerS).toBeCloseTo(2.1, 10);
    expect(d[1]).toMatchObject({ sameOutput: true, ttftDeltaMs: 0 });
    expect(d[2]).toMatchObject({ b: null, sameOutput: null, ttftDeltaMs: null });
  });
});
