import { randomBytes } from 'node:crypto';
import { ROUTES } from '../../shared';
import type { Core } from '../../app/main/core/create-core';
import { haproxyUnavailable, startHaproxy } from '../../scripts/cluster/haproxy';
import { createInstance } from '../../scripts/cluster/instance';
import { redisUnavailable, startRedis } from '../../scripts/cluster/redis';
import { collectionOps, concurrentPushRate, desk, liveSpread, login, post, reference, type BenchEnv } from '../env';
import type { BenchFigure } from '../figure';
import { now, percentile, type Figure } from '../lib';

const ms = (n: number) => Math.round(n * 100) / 100;

/** Push throughput: each desk sends its batches of 100 collections one after another, all desks at once. */
async function pushRate(env: BenchEnv, desks: number, batches: number): Promise<number> {
  const who = await login(env);
  const { product, suppliers } = await reference(env, who.token, who.deviceId, 100);
  const clients = await Promise.all(Array.from({ length: desks }, () => login(env)));
  return concurrentPushRate(env, clients, product, suppliers, batches);
}

/** The office at the morning close: every desk pushes 20 collections and pulls, at once, round after round. */
async function syncLatencies(env: BenchEnv, desks: number, rounds: number): Promise<number[]> {
  const who = await login(env);
  const { product, suppliers } = await reference(env, who.token, who.deviceId, 50);
  const clients = await Promise.all(Array.from({ length: desks }, () => login(env)));
  const latencies: number[] = [];
  for (let r = 0; r < rounds; r++) {
    await Promise.all(
      clients.map(async (c) => {
        const t = now();
        await post(env, ROUTES.push, c.token, {
          device_id: c.deviceId,
          batch: collectionOps(product, suppliers, 20),
        });
        await post(env, ROUTES.pull, c.token, { device_id: c.deviceId, limit: 200, cursor: '1000000000' });
        latencies.push(now() - t);
      }),
    );
  }
  return latencies;
}

/** Figure 7's measure between two given desks; the desks are closed afterwards. */
async function liveBetween(a: Core, b: Core): Promise<number> {
  try {
    return await liveSpread(a, b);
  } finally {
    await a.close();
    await b.close();
  }
}

/**
 * Figures 1c, 5d, 7b: the same work on one instance and on two instances behind HAProxy (deploy/haproxy),
 * both on the bench's one MariaDB, sharing a private Redis. The ratio is two ÷ one: above 1.0, the second
 * instance helps. On one machine the database and the single seq lock stay shared, so expect little gain.
 */
async function twoInstances(env: BenchEnv): Promise<Figure[]> {
  const missing = haproxyUnavailable() ?? redisUnavailable();
  if (missing) throw new Error(`two-instance figures need HAProxy and Redis: ${missing}`);
  const redis = await startRedis();
  const shared = { mysqlUrl: env.db.url, jwtSecret: randomBytes(32).toString('hex'), redisUrl: redis.url };
  // Every desk signs in from 127.0.0.1 at once: sign-ins in flight count against the per-address allowance.
  const extra = {
    LOG_LEVEL: 'error',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000',
  };
  const app1 = await createInstance({ name: 'bench-app1', ...shared, env: extra });
  const app2 = await createInstance({ name: 'bench-app2', ...shared, env: extra });
  try {
    await Promise.all([app1.start(), app2.start()]);
    const lb = await startHaproxy([app1.address, app2.address]);
    try {
      const one = { ...env, serverUrl: app1.url };
      const two = { ...env, serverUrl: lb.url };
      const desks = env.quick ? 5 : 20;
      const batches = env.quick ? 5 : 30;
      // Each measured twice, alternating, so that warm-up and the machine's busy moments fall on both alike.
      const rates = { one: 0, two: 0 };
      for (const which of ['one', 'two', 'one', 'two'] as const)
        rates[which] += (await pushRate(which === 'one' ? one : two, desks, batches)) / 2;
      const [pushOne, pushTwo] = [rates.one, rates.two];
      // Quick (CI, 300 s for the whole bench): a lighter office, still measured twice on each side.
      const syncDesks = env.quick ? 10 : 50;
      const rounds = env.quick ? 1 : 5;
      const latencies = { one: [] as number[], two: [] as number[] };
      for (const which of ['one', 'two', 'one', 'two'] as const)
        latencies[which].push(...(await syncLatencies(which === 'one' ? one : two, syncDesks, rounds)));
      const [syncOne, syncTwo] = [percentile(latencies.one, 50), percentile(latencies.two, 50)];
      const liveSame = await liveBetween(await desk(one, 'same-a'), await desk(one, 'same-b'));
      const liveAcross = await liveBetween(
        await desk(one, 'across-a'),
        await desk({ ...env, serverUrl: app2.url }, 'across-b'),
      );
      return [
        {
          id: '1c',
          name: `Push throughput, ${desks} desks, 2 instances`,
          value: Math.round(pushTwo),
          unit: 'ops/s',
          baseline: Math.round(pushOne),
          baselineName: 'same load, 1 instance',
          ratio: pushTwo / pushOne,
          target: '—',
          met: null,
          notes: 'two instances behind HAProxy vs one instance direct; one MariaDB, one seq lock',
        },
        {
          id: '5d',
          name: `${syncDesks} desks syncing, 2 instances: p50`,
          value: ms(syncTwo),
          unit: 'ms',
          baseline: ms(syncOne),
          baselineName: 'same load, 1 instance',
          ratio: syncOne / syncTwo,
          target: '—',
          met: null,
        },
        {
          id: '7b',
          name: '100 changes A → B live, across instances',
          value: ms(liveAcross),
          unit: 'ms',
          baseline: ms(liveSame),
          baselineName: 'A and B on 1 instance',
          ratio: liveSame / liveAcross,
          target: '< 1000 ms',
          met: liveAcross < 1000,
          notes: 'A on instance 1, B on instance 2: the notice crosses Redis pub/sub',
        },
      ];
    } finally {
      await lb.stop();
    }
  } finally {
    await app1.stop();
    await app2.stop();
    await redis.stop();
  }
}

/** Without HAProxy or Redis the figures are reported as failed, with the reason. */
export const twoInstancesFigure: BenchFigure = {
  id: '1c',
  name: 'Push throughput, 2 instances',
  unit: 'ops/s',
  target: '—',
  step: 'two instances',
  run: (env) => twoInstances(env),
};
