/**
 * `npm run sim -- --seed N --desks 5 --ops 5000 --faults on`: the multi-desk fault simulation. Several seeds:
 * `--seed 1,2,3`. Exits non-zero if any invariant fails, printing the exact command to replay that seed.
 * `--cluster on`: against two instances behind HAProxy on a local three-node Galera cluster with Redis, where
 * faults kill instances and a database node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startGalera, type GaleraCluster } from '../../scripts/cluster/galera';
import { startRedis, type LocalRedis } from '../../scripts/cluster/redis';
import { clusterServers } from './cluster-servers';
import { simulate, summary } from './simulate';

const USAGE = `Usage: npm run sim -- [--seed N[,N…]] [--desks N] [--ops N] [--faults on|off] [--break idempotency]
                       [--cluster on]

Runs desks (real cores on their own SQLite files) against the real server and MariaDB while faults are
injected, then checks that nothing is lost, duplicated or left unseen. Defaults: --seed 1 --desks 3 --ops 500
--faults on. --break idempotency runs a deliberately broken server, which the checks must catch. --cluster on
runs against two instances behind HAProxy on a local three-node Galera cluster with Redis (docs/scaling.md).`;

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      desks: { type: 'string', default: '3' },
      ops: { type: 'string', default: '500' },
      faults: { type: 'string', default: 'on' },
      break: { type: 'string' },
      cluster: { type: 'string', default: 'off' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  let cluster: { galera: GaleraCluster; redis: LocalRedis; dir: string } | null = null;
  if (values.cluster === 'on') {
    const dir = mkdtempSync(join(tmpdir(), 'collectpay-sim-galera-'));
    process.stderr.write('starting a three-node Galera cluster and Redis…\n');
    const started = { galera: await startGalera({ dir }), redis: await startRedis(), dir };
    cluster = started;
    // Interrupted: the database nodes are stopped first (Node's default action would leave them running).
    let stopping = false;
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.on(signal, () => {
        if (stopping) return;
        stopping = true;
        void Promise.all([started.galera.stop(), started.redis.stop()]).finally(() => {
          rmSync(dir, { recursive: true, force: true });
          process.exit(130);
        });
      });
  }
  const seeds = values.seed!.split(',').map(Number);
  let failed = 0;
  try {
    for (const seed of seeds) {
      const report = await simulate({
        seed,
        desks: Number(values.desks),
        ops: Number(values.ops),
        faults: values.faults !== 'off',
        breakIdempotency: values.break === 'idempotency',
        ...(cluster ? { servers: clusterServers(cluster.galera, cluster.redis.url), replayFlags: '--cluster on' } : {}),
        log: (line) => process.stderr.write(`  [seed ${seed}] ${line}\n`),
      });
      console.log(summary(report));
      if (!report.ok) failed += 1;
    }
  } finally {
    // The database nodes are our children: they must not outlive the run.
    if (cluster) {
      await cluster.galera.stop();
      await cluster.redis.stop();
      rmSync(cluster.dir, { recursive: true, force: true });
    }
  }
  console.log(
    failed ? `\n${failed} of ${seeds.length} seed(s) FAILED` : `\nAll ${seeds.length} seed(s) held every invariant.`,
  );
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
