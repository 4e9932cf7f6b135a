import type { BenchEnv, BenchState } from './env';
import type { Figure } from './lib';

/**
 * One entry of the bench: what it measures (its ids and names, so a failure still has a row) and how. A figure
 * that throws or overruns is reported as failed with the reason; the others still run.
 */
export interface BenchFigure {
  /** The row reported when the figure fails. */
  id: string;
  name: string;
  unit: string;
  target: string;
  /** A step name for the progress line. */
  step: string;
  run(env: BenchEnv, state: BenchState): Promise<Figure[]>;
}

/** A figure that could not be measured is reported as missed, with the reason, not as a crashed benchmark. */
export async function orFailed(
  run: () => Promise<Figure[]>,
  missed: Pick<Figure, 'id' | 'name' | 'unit' | 'target'>,
  timeoutMs: number,
): Promise<Figure[]> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  try {
    return await Promise.race([run(), deadline]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ ...missed, value: -1, baseline: 0, baselineName: 'failed', ratio: 0, met: false, notes: reason }];
  } finally {
    clearTimeout(timer);
  }
}
