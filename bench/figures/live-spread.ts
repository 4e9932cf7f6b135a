import { desk, liveSpread, ms, type BenchEnv } from '../env';
import type { BenchFigure } from '../figure';
import { now, type Figure } from '../lib';

/** Figure 7: 100 changes written on desk A reach desk B by the live channel. Raw: one empty sync round trip. */

async function incremental(env: BenchEnv): Promise<Figure[]> {
  const a = await desk(env, 'live-a');
  const b = await desk(env, 'live-b');
  const elapsed = await liveSpread(a, b);
  const t = now();
  await b.engine.sync('manual');
  const roundTrip = now() - t;
  await a.close();
  await b.close();
  return [
    {
      id: '7',
      name: '100 changes A → B by live channel',
      value: ms(elapsed),
      unit: 'ms',
      baseline: ms(roundTrip),
      baselineName: 'one empty sync round trip',
      ratio: roundTrip / elapsed,
      target: '< 1000 ms',
      met: elapsed < 1000,
    },
  ];
}

export const liveSpreadFigure: BenchFigure = {
  id: '7',
  name: '100 changes A → B by live channel',
  unit: 'ms',
  target: '< 1000 ms',
  step: 'incremental sync',
  run: (env) => incremental(env),
};
