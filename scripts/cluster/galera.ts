import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort } from '../free-port';
import { findExecutable, NotComing, OwnedProcess, waitFor } from './processes';

/** The settings every CollectPay Galera node needs; the per-node lines are appended below. */
const GALERA_SETTINGS = resolve(import.meta.dirname, '../../deploy/galera/galera.cnf');
const PROVIDER = '/usr/lib/galera/libgalera_smm.so';

export interface GaleraPorts {
  /** SQL clients. */
  sql: number;
  /** Group communication (replication). */
  group: number;
  /** Incremental state transfer. */
  ist: number;
  /** Full state transfer (rsync). */
  sst: number;
}

export interface GaleraOptions {
  /** Where each node keeps its data, socket, pid file and log (one subdirectory per node). */
  dir: string;
  nodes?: number;
  /** Fixed ports per node; free ones are picked when not given. */
  ports?: GaleraPorts[];
  clusterName?: string;
}

interface GaleraNode {
  name: string;
  ports: GaleraPorts;
  /** A root URL without a database (append "/name"). */
  url: string;
  readonly running: boolean;
  /** A crash: SIGKILL, no clean shutdown. */
  kill(): Promise<void>;
  /** Starts a stopped node again; it rejoins the cluster (IST or SST) and returns once it is Synced. */
  rejoin(): Promise<void>;
  /** Its wsrep state ("Synced", "Donor/Desynced", …) and the cluster size it sees. */
  status(): Promise<{ state: string; clusterSize: number }>;
}

export interface GaleraCluster {
  nodes: GaleraNode[];
  stop(): Promise<void>;
}

/** Why a Galera cluster cannot run here, or null when it can. */
export function galeraUnavailable(): string | null {
  if (!findExecutable('mariadbd', '/usr/sbin/mariadbd')) return 'mariadbd is not installed (apt: mariadb-server)';
  if (!findExecutable('mariadb-install-db')) return 'mariadb-install-db is not installed (apt: mariadb-server)';
  if (!existsSync(PROVIDER)) return `the Galera library ${PROVIDER} is missing (apt: galera-4)`;
  if (!findExecutable('rsync')) return 'rsync is missing (apt: rsync), needed for state transfer';
  return null;
}

/**
 * On loopback a dead node is declared gone in seconds rather than Galera's WAN-safe defaults (5 s suspect,
 * 15 s evicted), so a test's killed node leaves the cluster and rejoins quickly.
 */
const LOOPBACK_TIMEOUTS =
  'evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT4S;evs.install_timeout=PT4S';

const isRoot = () => process.getuid?.() === 0;

/** As root the nodes run as the mysql user, which must be able to reach the directory. */
function assertReachableByMysql(dir: string): void {
  for (let up = dirname(resolve(dir)); up !== dirname(up); up = dirname(up)) {
    if (existsSync(up) && (statSync(up).mode & 0o001) === 0)
      throw new Error(`the mysql user cannot reach ${dir}: ${up} is not world-traversable (put the nodes elsewhere)`);
  }
}

function nodeConfig(dir: string, name: string, ports: GaleraPorts, all: GaleraPorts[], clusterName: string): string {
  const peers = all.map((p) => `127.0.0.1:${p.group}`).join(',');
  const settings = readFileSync(GALERA_SETTINGS, 'utf8').replace(
    /^wsrep_provider_options="(.*)"$/m,
    // One provider_options line: the shared options plus this node's listen addresses.
    (_, shared: string) =>
      `wsrep_provider_options="${shared};gmcast.listen_addr=tcp://127.0.0.1:${ports.group};ist.recv_addr=127.0.0.1:${ports.ist};${LOOPBACK_TIMEOUTS}"`,
  );
  return `${settings}
# --- this node (local test cluster) ---
datadir=${join(dir, 'data')}
socket=${join(dir, 'mysqld.sock')}
pid-file=${join(dir, 'mysqld.pid')}
log-error=${join(dir, 'error.log')}
port=${ports.sql}
bind-address=127.0.0.1
skip-name-resolve
${isRoot() ? 'user=mysql' : ''}
wsrep_cluster_name=${clusterName}
wsrep_cluster_address=gcomm://${peers}
wsrep_node_name=${name}
wsrep_node_address=127.0.0.1
wsrep_sst_receive_address=127.0.0.1:${ports.sst}
# Small and fast for a laptop or CI; a production node keeps the defaults (or more).
innodb_buffer_pool_size=64M
innodb_log_file_size=16M
innodb_flush_log_at_trx_commit=2
performance_schema=OFF
max_connections=300
`;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const connection = await createConnection({ uri: url, connectTimeout: 2000 });
  try {
    const [rows] = await connection.query(sql);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

/**
 * A MariaDB Galera cluster on loopback: N `mariadbd` processes with their own directories and ports. The
 * first node bootstraps a fresh cluster; the others join it by state transfer. Used by `npm run cluster`
 * and the cluster tests; it never touches the machine's own MariaDB.
 */
export async function startGalera(options: GaleraOptions): Promise<GaleraCluster> {
  const reason = galeraUnavailable();
  if (reason) throw new Error(`Galera cannot start: ${reason}`);
  const count = options.nodes ?? 3;
  const clusterName = options.clusterName ?? 'collectpay-local';
  const ports: GaleraPorts[] =
    options.ports ??
    (await (async () => {
      const picked: GaleraPorts[] = [];
      for (let i = 0; i < count; i++)
        picked.push({ sql: await freePort(), group: await freePort(), ist: await freePort(), sst: await freePort() });
      return picked;
    })());
  const mariadbd = findExecutable('mariadbd', '/usr/sbin/mariadbd')!;
  if (isRoot()) assertReachableByMysql(options.dir);
  const nodes: (GaleraNode & { process: OwnedProcess })[] = [];

  for (let i = 0; i < count; i++) {
    const name = `node${i + 1}`;
    const dir = resolve(options.dir, name);
    mkdirSync(join(dir, 'data'), { recursive: true });
    const cnf = join(dir, 'my.cnf');
    writeFileSync(cnf, nodeConfig(dir, name, ports[i]!, ports, clusterName));
    const url = `mysql://root@127.0.0.1:${ports[i]!.sql}`;
    const proc = new OwnedProcess(name, mariadbd);
    const node = {
      name,
      ports: ports[i]!,
      url,
      process: proc,
      get running() {
        return proc.running;
      },
      async kill() {
        await proc.kill('SIGKILL');
      },
      async status() {
        const rows = await query<{ Variable_name: string; Value: string }>(
          url,
          "show status where Variable_name in ('wsrep_local_state_comment', 'wsrep_cluster_size')",
        );
        const value = (n: string) => rows.find((r) => r.Variable_name === n)?.Value ?? '';
        return { state: value('wsrep_local_state_comment'), clusterSize: Number(value('wsrep_cluster_size')) };
      },
      async rejoin() {
        await boot(node, false, true);
      },
    };
    nodes.push(node);
  }
  // The mysql user runs the nodes when we are root (mariadbd and rsync refuse or misbehave as root).
  if (isRoot()) spawnSync('chown', ['-R', 'mysql:mysql', resolve(options.dir)]);

  const first = nodes[0]!;
  const install = spawnSync(
    'mariadb-install-db',
    [
      `--defaults-file=${join(options.dir, first.name, 'my.cnf')}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);

  /**
   * After a crash the node's state file no longer says where it stopped; `--wsrep-recover` reads it from
   * InnoDB (as the systemd unit's galera_recovery does), so the node asks only for what it missed (IST from a
   * donor's cache) instead of a full copy that locks the donor while it runs.
   */
  function recoveredPosition(dir: string): string[] {
    const log = join(dir, 'recover.log');
    rmSync(log, { force: true });
    spawnSync(mariadbd, [`--defaults-file=${join(dir, 'my.cnf')}`, '--wsrep-recover', `--log-error=${log}`]);
    const position = existsSync(log)
      ? /Recovered position: (\S+:-?\d+)/.exec(readFileSync(log, 'utf8'))?.[1]
      : undefined;
    return position ? [`--wsrep-start-position=${position}`] : [];
  }

  async function boot(node: (typeof nodes)[number], bootstrap: boolean, afterCrash = false): Promise<void> {
    const dir = resolve(options.dir, node.name);
    if (isRoot()) spawnSync('chown', ['-R', 'mysql:mysql', dir]);
    node.process.start([
      `--defaults-file=${join(dir, 'my.cnf')}`,
      ...(bootstrap ? ['--wsrep-new-cluster'] : []),
      ...(afterCrash ? recoveredPosition(dir) : []),
    ]);
    try {
      await waitFor(
        `Galera ${node.name} (port ${node.ports.sql})`,
        async () => {
          if (!node.process.running) throw new NotComing('mariadbd exited');
          return (await node.status()).state === 'Synced';
        },
        90_000,
      );
    } catch (error) {
      const log = join(dir, 'error.log');
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`${(error as Error).message}\n${tail}`);
    }
  }

  try {
    await boot(first, true);
    // Joiners one at a time: each takes a full state transfer from a donor.
    for (const node of nodes.slice(1)) await boot(node, false);
  } catch (error) {
    for (const node of nodes) await node.process.stop();
    throw error;
  }

  return {
    nodes,
    async stop() {
      await Promise.all(nodes.map((node) => node.process.stop(60_000)));
    },
  };
}
