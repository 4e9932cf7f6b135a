/**
 * `npm run cluster`: the multi-instance deployment on this machine, in one command — a three-node MariaDB
 * Galera cluster, Redis, two server instances and HAProxy in front (deploy/haproxy/haproxy.cfg). Desks
 * connect to the load balancer. Ctrl+C stops everything and deletes the cluster's data.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../server/src/db/connection';
import { addUser } from '../server/src/users/users';
import { clusterUnavailable, startLocalCluster } from './cluster/local-cluster';

const USAGE = `Usage: npm run cluster [-- --port 8787] [--admin-email E --admin-password P]
  --port            where the load balancer listens (default 8787)
  --galera-port     the first Galera node's SQL port (default 33061; nodes use it, +1, +2)
  --admin-email / --admin-password   an admin to sign in with (default admin@cluster.local, a generated password)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      'galera-port': { type: 'string', default: '33061' },
      'admin-email': { type: 'string', default: 'admin@cluster.local' },
      'admin-password': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const missing = clusterUnavailable();
  if (missing) {
    console.error(
      `Cannot start the local cluster: ${missing}.\nInstall: apt-get install mariadb-server galera-4 rsync redis-server haproxy`,
    );
    return 1;
  }
  const sqlBase = Number(values['galera-port']);
  const dir = mkdtempSync(join(tmpdir(), 'collectpay-cluster-'));
  const cluster = await startLocalCluster({
    dir,
    lbPort: Number(values.port),
    // Galera's customary ports, shifted so they never meet the machine's own MariaDB (3306, 4567).
    galeraPorts: [0, 1, 2].map((i) => ({
      sql: sqlBase + i,
      group: 45671 + i,
      ist: 45681 + i,
      sst: 45691 + i,
    })),
    instanceEnv: { SHUTDOWN_DRAIN_MS: '3000' },
    logDir: dir,
    log: (line) => console.log(line),
  }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });

  const password = values['admin-password'] ?? `cluster-${randomBytes(6).toString('hex')}`;
  const db = createDb(cluster.databaseUrl(0), 1);
  try {
    await addUser(db, { email: values['admin-email']!, password, name: 'Cluster admin', role: 'admin' });
  } finally {
    await db.destroy();
  }

  const [a, b] = cluster.instances;
  console.log(`
CollectPay cluster is up.
  Desks connect to   ${cluster.lb.url}   (HAProxy; stats: ${cluster.lb.statsUrl})
  Instances          ${a.url} → Galera node1, ${b.url} → Galera node2 (Redis ${cluster.redis.url})
  Galera nodes       ${cluster.galera.nodes.map((n) => `${n.url}/${cluster.database}`).join('  ')}
  Logs               ${dir} (app1.log, app2.log, node*/error.log)
  Sign in as         ${values['admin-email']} / ${password}

Try: npm run cli -- --server ${cluster.lb.url} login --email ${values['admin-email']} --password '${password}'
Kill an instance (kill -9 ${a.pid}) or a node and watch desks carry on. Ctrl+C stops everything.`);

  // Ctrl+C may arrive more than once (relayed by npm and tsx): every later one is ignored while stopping, or
  // Node's default action would end this process and leave the database nodes running.
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => resolve());
  });
  console.log('\nstopping…');
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The cluster failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
