import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createDb, ensureDatabase, migrateServer } from '../../server/src/db/connection';
import { galeraUnavailable, startGalera, type GaleraCluster, type GaleraPorts } from './galera';
import { haproxyUnavailable, startHaproxy, type LoadBalancer } from './haproxy';
import { createInstance, type ServerInstance } from './instance';
import { redisUnavailable, startRedis, type LocalRedis } from './redis';

export interface DeploymentOptions {
  database?: string;
  lbPort?: number;
  instancePorts?: [number, number];
  /** Redis keys and channels of this deployment start with it (a fresh one by default). */
  redisPrefix?: string;
  /** Extra environment for both instances. */
  instanceEnv?: Record<string, string>;
  /** Where the instances write their logs (app1.log, app2.log). */
  logDir?: string;
}

/** Two stateless instances on one CollectPay database of the cluster, and HAProxy in front of them. */
export interface Deployment {
  /** Instance i talks to Galera node i (app1 → node1, app2 → node2); node3 serves only replication. */
  instances: [ServerInstance, ServerInstance];
  lb: LoadBalancer;
  database: string;
  /** mysql://… of this deployment's database on node i (0-based). */
  databaseUrl(node: number): string;
  stop(): Promise<void>;
}

export interface LocalClusterOptions extends DeploymentOptions {
  /** Working directory for the database nodes (data, sockets, logs). */
  dir: string;
  galeraPorts?: GaleraPorts[];
  redisPort?: number;
  log?: (line: string) => void;
}

export interface LocalCluster extends Deployment {
  galera: GaleraCluster;
  redis: LocalRedis;
  /** Stops the deployment, Redis and every node. */
  stop(): Promise<void>;
}

/** What is missing for the whole local cluster, or null when every part can run. */
export function clusterUnavailable(): string | null {
  const missing = [galeraUnavailable(), redisUnavailable(), haproxyUnavailable()].filter(Boolean);
  return missing.length ? missing.join('; ') : null;
}

/**
 * Creates and migrates a database on the cluster, then starts two instances on it (each on its own node)
 * and HAProxy with the documented configuration. Migrating first matters: two instances migrating at once on
 * different nodes would race (Galera replicates DDL, but Kysely's migration lock is per node).
 */
export async function startDeployment(
  galera: GaleraCluster,
  redisUrl: string,
  options: DeploymentOptions = {},
): Promise<Deployment> {
  const database = options.database ?? 'collectpay';
  const databaseUrl = (node: number) => `${galera.nodes[node]!.url}/${database}`;
  await ensureDatabase(databaseUrl(0));
  const db = createDb(databaseUrl(0), 1);
  try {
    await migrateServer(db);
  } finally {
    await db.destroy();
  }

  const jwtSecret = randomBytes(32).toString('hex');
  const redisPrefix = options.redisPrefix ?? `collectpay-${randomBytes(3).toString('hex')}:`;
  const instances = (await Promise.all(
    [0, 1].map((i) =>
      createInstance({
        name: `app${i + 1}`,
        mysqlUrl: databaseUrl(i),
        jwtSecret,
        redisUrl,
        redisPrefix,
        port: options.instancePorts?.[i],
        env: options.instanceEnv,
        ...(options.logDir ? { logFile: join(options.logDir, `app${i + 1}.log`) } : {}),
      }),
    ),
  )) as [ServerInstance, ServerInstance];
  const stopInstances = async () => void (await Promise.all(instances.map((i) => i.stop())));
  let lb: LoadBalancer;
  try {
    await Promise.all(instances.map((i) => i.start()));
    lb = await startHaproxy([instances[0].address, instances[1].address], options.lbPort);
  } catch (error) {
    await stopInstances();
    throw error;
  }
  return {
    instances,
    lb,
    database,
    databaseUrl,
    async stop() {
      await lb.stop();
      await stopInstances();
    },
  };
}

/**
 * The whole multi-instance deployment on one machine: a three-node Galera cluster, a private Redis, two
 * stateless server instances (each on its own node) and HAProxy in front.
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  const log = options.log ?? (() => undefined);
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
  };
  try {
    log('starting a three-node MariaDB Galera cluster…');
    const galera = await startGalera({ dir: options.dir, ports: options.galeraPorts });
    started.push(galera);
    log('starting Redis…');
    const redis = await startRedis(options.redisPort);
    started.push(redis);
    log('starting two server instances and HAProxy…');
    const deployment = await startDeployment(galera, redis.url, options);
    started.push(deployment);
    return { ...deployment, galera, redis, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
