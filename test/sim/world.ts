import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { FileSecretStore } from '../../app/main/core/auth/secret-store';
import { createCore, type Core } from '../../app/main/core/create-core';
import { buildServer } from '../../server/src/app';
import type { PushHooks } from '../../server/src/sync/apply-push';
import { addUser } from '../../server/src/users/users';
import { testConfig } from '../../server/test/config';
import { createTestDatabase, TEST_MYSQL_SERVER, type TestDatabase } from '../../server/test/mysql';
import { startChaosProxy } from '../integration/chaos-proxy';

export const PASSWORD = 'simulation password';

export interface FaultCounts {
  cutConnections: number;
  serverRestarts: number;
  mysqlKills: number;
  deskCrashes: number;
  lostResponses: number;
  offlineToggles: number;
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
  private server: FastifyInstance | null = null;
  private port = 0;
  private proxy!: Awaited<ReturnType<typeof startChaosProxy>>;
  private abandoned: Core[] = [];

  private constructor(
    readonly db: TestDatabase,
    readonly dir: string,
    private readonly random: () => number,
  ) {}

  static async create(options: {
    desks: number;
    random: () => number;
    faults: boolean;
    breakIdempotency?: boolean;
  }): Promise<World> {
    const world = new World(await createTestDatabase(), mkdtempSync(join(tmpdir(), 'collectpay-sim-')), options.random);
    world.hooks.breakIdempotency = options.breakIdempotency;
    await world.startServer();
    world.proxy = await startChaosProxy(world.port, {
      cutProbability: options.faults ? 0.01 : 0,
      random: options.random,
    });
    // Setting up is not under test: the chaos starts when the work does.
    world.proxy.enabled = false;
    for (let i = 0; i < options.desks; i++) {
      const role = i === 0 ? 'supervisor' : 'clerk';
      const email = `desk${i}@sim.example`;
      await addUser(world.db.db, { email, password: PASSWORD, name: `Desk ${i} ${role}`, role });
      const dir = join(world.dir, `desk${i}`);
      mkdirSync(dir, { recursive: true });
      const desk: SimDesk = {
        name: `desk${i}`,
        dir,
        email,
        core: null as unknown as Core,
        online: true,
        loseNextResponse: false,
      };
      desk.core = await world.openCore(desk);
      await desk.core.auth.login(email, PASSWORD);
      world.desks.push(desk);
    }
    return world;
  }

  get proxyCuts(): number {
    return this.proxy.cuts;
  }

  set chaos(on: boolean) {
    this.proxy.enabled = on;
  }

  private async startServer(): Promise<void> {
    this.server = await buildServer({
      config: testConfig({ mysqlUrl: this.db.url }),
      db: this.db.db,
      pushHooks: this.hooks,
    });
    await this.server.listen({ port: this.port, host: '127.0.0.1' });
    const address = this.server.server.address();
    this.port = typeof address === 'object' && address ? address.port : this.port;
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
    return this.proxy ? this.proxy.url : `http://127.0.0.1:${this.port}`;
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
    this.faults.serverRestarts += 1;
    const server = this.server!;
    const closing = server.close();
    server.server.closeAllConnections();
    await closing;
    await this.startServer();
  }

  /** Kills the server's MySQL connections from outside, as a failing network or database restart would. */
  async killMysqlConnections(): Promise<void> {
    this.faults.mysqlKills += 1;
    const admin = await createConnection({ uri: TEST_MYSQL_SERVER });
    try {
      const [rows] = (await admin.query(
        'select id from information_schema.processlist where db = ? and id <> connection_id()',
        [this.db.name],
      )) as unknown as [{ id: number }[]];
      for (const { id } of rows) await admin.query(`kill ${Number(id)}`).catch(() => undefined);
    } finally {
      await admin.end();
    }
  }

  async serverScalar(query: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`${sql.raw(query)}`.execute(this.db.db);
    return Number(rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    for (const desk of this.desks) await desk.core.close().catch(() => undefined);
    for (const core of this.abandoned) await core.close().catch(() => undefined);
    await this.proxy.close();
    await this.server?.close();
    await this.db.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}
