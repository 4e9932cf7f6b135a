import { ROUTES } from '../../shared';
import { client, collectionOps, login, ms, post, reference, type BenchEnv, type BenchState } from '../env';
import type { BenchFigure } from '../figure';
import { now, percentile, rssMb, type Figure } from '../lib';

/** Figure 5 (+ 6c): 50 desks syncing at once; latency, errors, server memory. Raw: /health under the same load. */
async function serverLoad(env: BenchEnv, state: BenchState): Promise<Figure[]> {
  const desksCount = env.quick ? 20 : 50;
  const rounds = env.quick ? 2 : 5;
  const who = await login(env);
  const { product, suppliers } = await reference(env, who.token, who.deviceId, 50);
  const desks = await Promise.all(Array.from({ length: desksCount }, () => login(env)));
  const latencies: number[] = [];
  const health: number[] = [];
  let errors = 0;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(env.serverPid))), 100);
  for (let r = 0; r < rounds; r++) {
    await Promise.all(
      desks.map(async (d) => {
        try {
          let t = now();
          await post(env, ROUTES.push, d.token, {
            device_id: d.deviceId,
            batch: collectionOps(product, suppliers, 20),
          });
          latencies.push(now() - t);
          t = now();
          await post(env, ROUTES.pull, d.token, {
            device_id: d.deviceId,
            limit: 200,
            cursor: String(Math.max(0, 1e9)),
          });
          latencies.push(now() - t);
          t = now();
          await client(env).call(ROUTES.health, {});
          health.push(now() - t);
        } catch {
          errors += 1;
        }
      }),
    );
  }
  clearInterval(sampler);
  state.rss.serverPeak = peak;
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  return [
    {
      id: '5a',
      name: `${desksCount} desks syncing: p50`,
      value: ms(p50),
      unit: 'ms',
      baseline: ms(percentile(health, 50)),
      baselineName: '/health, same load',
      ratio: percentile(health, 50) / p50,
      target: '—',
      met: null,
    },
    {
      id: '5b',
      name: `${desksCount} desks syncing: p99`,
      value: ms(p99),
      unit: 'ms',
      baseline: ms(percentile(health, 99)),
      baselineName: '/health, same load',
      ratio: percentile(health, 99) / p99,
      target: '—',
      met: null,
    },
    {
      id: '5c',
      name: `${desksCount} desks syncing: errors`,
      value: errors,
      unit: '',
      baseline: 0,
      baselineName: 'none allowed',
      ratio: errors === 0 ? 1 : 0,
      target: '= 0',
      met: errors === 0,
    },
  ];
}

export const serverLoadFigure: BenchFigure = {
  id: '5a',
  name: 'Desks syncing at once',
  unit: 'ms',
  target: '—',
  step: 'server under load',
  run: serverLoad,
};
