import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { createDb } from '../../server/src/db/connection';
import type { ServerDatabase } from '../../server/src/db/schema';
import type { GaleraCluster } from '../../scripts/cluster/galera';
import { startDeployment, type Deployment } from '../../scripts/cluster/local-cluster';
import { waitFor } from '../../scripts/cluster/processes';
import { killConnections, type FaultCounts, type SimServers } from './world';

/**
 * The simulation's server side as a real deployment: two instance processes behind HAProxy, each on its own
 * node of a Galera cluster, sharing Redis. Faults strike it for real: a "server restart" SIGKILLs one
 * instance (restarted in the background while the other serves); on a schedule, database node 2 is killed
 * 30% of the way in and rejoins at 50%, and an instance is killed at 70%.
 */
class ClusterServers implements SimServers {
  readonly db: { db: Kysely<ServerDatabase> };
  private restarting: Promise<void> | null = null;
  private failure: Error | null = null;
  private nodeBack: Promise<void> | null = null;
  private next = 0;

  constructor(
    private readonly galera: GaleraCluster,
    private readonly deployment: Deployment,
  ) {
    // Checks read node 3, which serves no instance: what they see came by replication.
    this.db = { db: createDb(deployment.databaseUrl(2), 4) };
  }

  get port(): number {
    return Number(new URL(this.deployment.lb.url).port);
  }

  async restartServer(): Promise<boolean> {
    // One instance down at a time: the other one carries the office meanwhile.
    if (this.restarting) return false;
    const instance = this.deployment.instances[this.next++ % 2]!;
    await instance.kill();
    // Started again in the background, like a supervisor would; it waits for its database node if that is down.
    this.restarting = instance.start().then(
      () => void (this.restarting = null),
      (error: unknown) => void (this.failure ??= error as Error),
    );
    return true;
  }

  async killMysqlConnections(): Promise<void> {
    for (const node of this.galera.nodes.slice(0, 2))
      if (node.running) await killConnections(node.url, this.deployment.database).catch(() => undefined);
  }

  async atStep(step: number, of: number, faults: FaultCounts): Promise<void> {
    const node = this.galera.nodes[1]!;
    if (step === Math.floor(of * 0.3)) {
      await node.kill();
      faults.databaseNodeKills = (faults.databaseNodeKills ?? 0) + 1;
    } else if (step === Math.floor(of * 0.5)) {
      this.nodeBack = node.rejoin();
      // Awaited (and any failure thrown) in recover().
      this.nodeBack.catch(() => undefined);
    } else if (step === Math.floor(of * 0.7)) {
      // Whatever the random faults did, one instance certainly dies mid-run.
      await this.restarting;
      if (await this.restartServer()) faults.serverRestarts += 1;
    }
  }

  async recover(): Promise<void> {
    await this.nodeBack;
    await this.restarting;
    if (this.failure) throw this.failure;
    await waitFor(
      'both instances back in the load balancer',
      async () => Object.values(await this.deployment.lb.serverStates()).every((state) => state === 'UP'),
      30_000,
    );
  }

  async close(): Promise<void> {
    await this.recover().catch(() => undefined);
    await this.deployment.stop();
    await this.db.db.destroy();
    const admin = await createConnection({ uri: this.galera.nodes[0]!.url });
    try {
      await admin.query(`drop database if exists \`${this.deployment.database}\``);
    } finally {
      await admin.end();
    }
  }
}

/** A fresh database and deployment on a running Galera cluster, for one simulation run. */
export function clusterServers(galera: GaleraCluster, redisUrl: string): () => Promise<SimServers> {
  return async () => {
    const deployment = await startDeployment(galera, redisUrl, {
      database: `cp_sim_${randomBytes(4).toString('hex')}`,
      instanceEnv: {
        LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
        LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000',
        LOG_LEVEL: 'error',
      },
    });
    return new ClusterServers(galera, deployment);
  };
}
