import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { FileSecretStore } from '../../app/main/core/auth/secret-store';
import { createCore, type Core } from '../../app/main/core/create-core';
import { buildServer } from '../../server/src/app';
import type { ServerDatabase } from '../../server/src/db/schema';
import type { PushHooks } from '../../server/src/sync/apply-push';
import { addUser } from '../../server/src/users/users';
import { testConfig } from '../../server/test/config';
import { createTestDatabase, TEST_MYSQL_SERVER, type TestDatabase } from '../../server/test/mysql';
import { startChaosProxy } from '../integration/chaos-proxy';

const PASSWORD = 'simulation password';

export interface FaultCounts {
  cutConnections: number;
  serverRestarts: number;
  mysqlKills: number;
  deskCrashes: number;
  lostResponses: number;
  offlineToggles: number;
  /** Cluster runs only: a database node killed and rejoined. */
  databaseNodeKills?: number;
}

/**
 * The server side of a simulated office: one in-process server by default, or a cluster
 * (test/sim/cluster-servers.ts). Desks reach it at `port` through the chaos proxy.
 */
export interface SimServers {
  port: number;
  /** The master database, for adding users and checking the invariants. */
  db: { db: Kysely<ServerDatabase> };
  /** A server goes down hard mid-request and comes back; false when it cannot be done now. */
  restartServer(): Promise<boolean>;
  /** The server's MySQL connections are killed from outside. */
  killMysqlConnections(): Promise<void>;
  /** Faults on a schedule rather than at random (a database node lost and back). */
  atStep?(step: number, of: number, faults: FaultCounts): Promise<void>;
  /** Everything that was killed is running again (before the final sync and the checks). */
  recover?(): Promise<void>;
  close(): Promise<void>;
}

/** One real server in this process on its own MariaDB database (the default office). */
class SingleServer implements SimServers {
  private server: FastifyInstance | null = null;
  port = 0;

  private constructor(
    readonly db: TestDatabase,
    private readonly hooks: PushHooks,
  ) {}

  static async start(hooks: PushHooks): Promise<SingleServer> {
    const single = new SingleServer(await createTestDatabase(), hooks);
    await single.listen();
    return single;
  }

  private async listen(): Promise<void> {
    this.server = await buildServer({
      config: testConfig({ mysqlUrl: this.db.url }),
      db: this.db.db,
      pushHooks: this.hooks,
    });
    await this.server.listen({ port: this.port, host: '127.0.0.1' });
    const address = this.server.server.address();
    this.port = typeof address === 'object' && address ? address.port : this.port;
  }

  async restartServer(): Promise<boolean> {
    const server = this.server!;
    const closing = server.close();
    server.server.closeAllConnections();
    await closing;
    await this.listen();
    return true;
  }

  async killMysqlConnections(): Promise<void> {
    await killConnections(TEST_MYSQL_SERVER, this.db.name);
  }

  async close(): Promise<void> {
    await this.server?.close();
    await this.db.drop();
  }
}

/** Kills every connection to one database on one MySQL server, as a failing network or restart would. */
export async function killConnections(serverUrl: string, database: string): Promise<void> {
  const admin = await createConnection({ uri: serverUrl });
  try {
    const [rows] = (await admin.query(
      'select id from information_schema.processlist where db = ? and id <> connection_id()',
      [database],
    )) as unknown as [{ id: number }[]];
    for (const { id } of rows) await admin.query(`kill ${Number(id)}`).catch(() => undefined);
  } finally {
    await admin.end();
  }
}

export interface SimDesk {
  name: string;
  dir: string;
  email: string;
  core: Core;
  online: boolean;
  /** When set, the next answer from the server is read and then dropped, as if the desk crashed. */
  loseNextResponse: boolean;
}

/**
 * The simulated office: a real server on its own MariaDB database behind a chaos proxy, and N desks, each a
 * real core on its own SQLite file with tokens in a file (so a crashed desk can come back).
 */
export class World {
  readonly faults: FaultCounts = {
    cutConnections: 0,
    serverRestarts: 0,
    mysqlKills: 0,
    deskCrashes: 0,
    lostResponses: 0,
    offlineToggles: 0,
  };
  readonly desks: SimDesk[] = [];
  readonly hooks: PushHooks = {};
  private proxy!: Awaited<ReturnType<typeof startChaosProxy>>;
  private abandoned: Core[] = [];
  private servers!: SimServers;

  private constructor(
    readonly dir: string,
    private readonly random: () => number,
  ) {}

  static async create(options: {
    desks: number;
    random: () => number;
    faults: boolean;
    breakIdempotency?: boolean;
    /** The server side; one in-process server when not given. */
    servers?: (hooks: PushHooks) => Promise<SimServers>;
  }): Promise<World> {
    const world = new World(mkdtempSync(join(tmpdir(), 'collectpay-sim-')), options.random);
    // The sabotage for "can the invariants fail?": a server that forgets every op it has seen.
    if (options.breakIdempotency) world.hooks.mayReplay = () => false;
    world.servers = await (options.servers ?? SingleServer.start)(world.hooks);
    world.proxy = await startChaosProxy(world.servers.port, {
      cutProbability: options.faults ? 0.01 : 0,
      random: options.random,
    });
    // Setting up is not under test: the chaos starts when the work does.
    world.proxy.enabled = false;
    for (let i = 0; i < options.desks; i++) await world.addDesk(`desk${i}`, i === 0 ? 'supervisor' : 'clerk');
    return world;
  }

  /** A desk with a user of its own, signed in; it takes part in every invariant. */
  async addDesk(name: string, role: 'supervisor' | 'clerk'): Promise<SimDesk> {
    const email = `${name}@sim.example`;
    await addUser(this.db.db, { email, password: PASSWORD, name: `${name} ${role}`, role });
    const dir = join(this.dir, name);
    mkdirSync(dir, { recursive: true });
    const desk: SimDesk = {
      name,
      dir,
      email,
      core: null as unknown as Core,
      online: true,
      loseNextResponse: false,
    };
    desk.core = await this.openCore(desk);
    await desk.core.auth.login(email, PASSWORD);
    this.desks.push(desk);
    return desk;
  }

  get db(): { db: Kysely<ServerDatabase> } {
    return this.servers.db;
  }

  get proxyCuts(): number {
    return this.proxy.cuts;
  }

  set chaos(on: boolean) {
    this.proxy.enabled = on;
  }

  private async openCore(desk: SimDesk): Promise<Core> {
    const core = await createCore({
      filename: join(desk.dir, 'desk.sqlite'),
      serverUrl: this.proxyUrl(),
      secrets: new FileSecretStore(join(desk.dir, 'secrets.json')),
      engine: { setTimer: () => null, clearTimer: () => undefined },
      fetch: async (input, init) => {
        if (!desk.online) throw new TypeError('fetch failed: the desk is offline');
        const response = await fetch(input, init);
        if (desk.loseNextResponse) {
          desk.loseNextResponse = false;
          await response.arrayBuffer().catch(() => undefined);
          this.faults.lostResponses += 1;
          throw new TypeError('fetch failed: the desk crashed before it read the answer');
        }
        return response;
      },
    });
    await core.auth.restore();
    return core;
  }

  private proxyUrl(): string {
    return this.proxy.url;
  }

  /** A desk crash: the core is abandoned mid-whatever (no clean shutdown) and the desk starts again from disk. */
  async crash(desk: SimDesk): Promise<void> {
    this.faults.deskCrashes += 1;
    this.abandoned.push(desk.core);
    desk.core = await this.openCore(desk);
    if (!desk.core.auth.current) await desk.core.auth.login(desk.email, PASSWORD);
  }

  /** The server goes down hard mid-request (as a crash or a killed container would) and comes back. */
  async restartServer(): Promise<void> {
    if (await this.servers.restartServer()) this.faults.serverRestarts += 1;
  }

  /** Kills the server's MySQL connections from outside, as a failing network or database restart would. */
  async killMysqlConnections(): Promise<void> {
    this.faults.mysqlKills += 1;
    await this.servers.killMysqlConnections();
  }

  /** Scheduled faults of the server side (a cluster loses a database node), if it has any. */
  async atStep(step: number, of: number): Promise<void> {
    await this.servers.atStep?.(step, of, this.faults);
  }

  /** Whatever the faults took down runs again. */
  async recover(): Promise<void> {
    await this.servers.recover?.();
  }

  async serverScalar(query: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`${sql.raw(query)}`.execute(this.db.db);
    return Number(rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    for (const desk of this.desks) await desk.core.close().catch(() => undefined);
    for (const core of this.abandoned) await core.close().catch(() => undefined);
    await this.proxy.close();
    await this.servers.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}
