import { incremental, type BenchEnv } from './figures';
import type { Figure } from './lib';

export type Runner = BenchEnv;

/** A figure that could not be measured is reported as missed, with the reason, not as a crashed benchmark. */
export async function orMissed(
  run: () => Promise<Figure[]>,
  missed: Pick<Figure, 'id' | 'name' | 'unit' | 'target'>,
): Promise<Figure[]> {
  try {
    return await run();
  } catch (error) {
    return [{ ...missed, value: -1, baseline: 0, baselineName: 'failed', ratio: 0, met: false, notes: String(error) }];
  }
}

/** The live figure needs the server's live channel. */
export async function incrementalOrSkip(env: Runner): Promise<Figure[]> {
  return orMissed(() => incremental(env), {
    id: '7',
    name: '100 changes A → B by live channel',
    unit: 'ms',
    target: '< 1000 ms',
  });
}
