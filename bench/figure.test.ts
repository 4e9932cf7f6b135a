import { describe, expect, it } from 'vitest';
import { orFailed } from './figure';
import type { Figure } from './lib';

const row = { id: '9', name: 'Some figure', unit: 'ms', target: '—' };
const good: Figure = { ...row, value: 1, baseline: 1, baselineName: 'raw', ratio: 1, met: true };

describe('a figure that fails', () => {
  it('is reported as failed with its reason, and the next figure still runs', async () => {
    const results: Figure[] = [];
    for (const run of [
      async () => {
        throw new Error('fetch failed: other side closed');
      },
      async () => [good],
    ])
      results.push(...(await orFailed(run, row, 5_000)));
    expect(results[0]).toMatchObject({ id: '9', baselineName: 'failed', met: false });
    expect(results[0]!.notes).toContain('other side closed');
    expect(results[1]).toBe(good);
  });

  it('is cut at its deadline instead of holding the run', async () => {
    const [result] = await orFailed(() => new Promise<Figure[]>(() => undefined), row, 50);
    expect(result).toMatchObject({ baselineName: 'failed', met: false });
    expect(result!.notes).toContain('did not finish');
  });
});
