import { randomBytes } from 'node:crypto';
import { createDb, ensureDatabase, migrateServer } from '../../server/src/db/connection';
import { galeraUnavailable, startGalera, type GaleraCluster, type GaleraPorts } from './galera';
import { haproxyUnavailable, startHaproxy, type LoadBalancer } from './haproxy';
import { createInstance, type ServerInstance } from './instance';
import { redisUnavailable, startRedis, type LocalRedis } from './redis';

export interface LocalClusterOptions {
  /** Working directory for the database nodes (data, sockets, logs). */
  dir: string;
  database?: string;
  lbPort?: number;
  instancePorts?: [number, number];
  galeraPorts?: GaleraPorts[];
  redisPort?: number;
  /** Redis keys and channels of this deployment start with it. */
  redisPrefix?: string;
  /** Extra environment for both instances. */
  instanceEnv?: Record<string, string>;
  log?: (line: string) => void;
}

export interface LocalCluster {
  galera: GaleraCluster;
  redis: LocalRedis;
  /** Instance i talks to Galera node i (app1 → node1, app2 → node2); node3 serves only replication. */
  instances: [ServerInstance, ServerInstance];
  lb: LoadBalancer;
  database: string;
  /** mysql://… of the CollectPay database on node i (0-based). */
  databaseUrl(node: number): string;
  stop(): Promise<void>;
}

/** What is missing for the whole local cluster, or null when every part can run. */
export function clusterUnavailable(): string | null {
  const missing = [galeraUnavailable(), redisUnavailable(), haproxyUnavailable()].filter(Boolean);
  return missing.length ? missing.join('; ') : null;
}

/**
 * The whole multi-instance deployment on one machine: a three-node Galera cluster, a private Redis, two
 * stateless server instances (each on its own node) and HAProxy with the documented configuration in front.
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'collectpay';
  const started: { stop(): Promise<void> }[] = [];
  try {
    log('starting a three-node MariaDB Galera cluster…');
    const galera = await startGalera({ dir: options.dir, ports: options.galeraPorts });
    started.push(galera);
    const databaseUrl = (node: number) => `${galera.nodes[node]!.url}/${database}`;

    // Migrate once, before any instance starts: two instances migrating at once on different nodes would
    // race (Galera replicates DDL, but Kysely's migration lock is per node).
    await ensureDatabase(databaseUrl(0));
    const db = createDb(databaseUrl(0), 1);
    try {
      await migrateServer(db);
    } finally {
      await db.destroy();
    }

    log('starting Redis…');
    const redis = await startRedis(options.redisPort);
    started.push(redis);

    log('starting two server instances…');
    const jwtSecret = randomBytes(32).toString('hex');
    const instances = (await Promise.all(
      [0, 1].map((i) =>
        createInstance({
          name: `app${i + 1}`,
          mysqlUrl: databaseUrl(i),
          jwtSecret,
          redisUrl: redis.url,
          redisPrefix: options.redisPrefix ?? `collectpay-${randomBytes(3).toString('hex')}:`,
          port: options.instancePorts?.[i],
          env: options.instanceEnv,
        }),
      ),
    )) as [ServerInstance, ServerInstance];
    started.push({ stop: async () => void (await Promise.all(instances.map((i) => i.stop()))) });
    await Promise.all(instances.map((i) => i.start()));

    log('starting HAProxy…');
    const lb = await startHaproxy([instances[0].address, instances[1].address], options.lbPort);
    started.push(lb);

    return {
      galera,
      redis,
      instances,
      lb,
      database,
      databaseUrl,
      async stop() {
        for (const part of started.reverse()) await part.stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
    throw error;
  }
}
