import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySecretStore } from '../app/main/core/auth/secret-store';
import { createCore } from '../app/main/core/create-core';
import { connectDesk } from '../app/main/core/desk/connect';
import { seedDemo, type DemoSize } from '../app/main/core/desk/demo-seed';
import { DEMO_TIME_ZONE } from '../app/main/core/desk/demo-settings';
import { createLocalAdmin } from '../app/main/core/desk/local-admin';
import { buildServer } from '../server/src/app';
import { hashPassword } from '../server/src/auth/passwords';
import { loadConfig, type ServerConfig } from '../server/src/config';
import { createDb, ensureDatabase, migrateServer } from '../server/src/db/connection';
import type { ServerDatabase } from '../server/src/db/schema';
import { addUser, findUserByEmail } from '../server/src/users/users';

export const DEMO_USERS = [
  {
    email: 'supervisor@demo.collectpay',
    password: 'supervisor-demo',
    name: 'Otieno Supervisor',
    role: 'supervisor' as const,
  },
  { email: 'clerk1@demo.collectpay', password: 'clerk-demo-1', name: 'Wanjiru Clerk', role: 'clerk' as const },
  { email: 'clerk2@demo.collectpay', password: 'clerk-demo-2', name: 'Kibet Clerk', role: 'clerk' as const },
];

export interface DemoOffice {
  serverUrl: string;
  config: ServerConfig;
  db: Kysely<ServerDatabase>;
  /** Whether the office server is listening now. */
  readonly up: boolean;
  /** Takes the office server away (desks keep working offline) … */
  stopServer(): Promise<void>;
  /** … and brings it back on the same address. */
  startServer(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The demo's office: its database (created and migrated), the demo users, three months of work seeded through a
 * desk (so it travels the real sync path) when the database is empty, and a server that can be stopped and
 * started again on the same port to show desks working offline.
 */
export async function openDemoOffice(options: {
  mysqlUrl: string;
  port: number;
  size?: DemoSize;
  log?: (line: string) => void;
}): Promise<DemoOffice> {
  const log = options.log ?? (() => undefined);
  const config = {
    ...loadConfig({
      MYSQL_URL: options.mysqlUrl,
      JWT_SECRET: 'collectpay-demo-secret-not-for-production-use',
      LOG_LEVEL: 'warn',
      ORG_TIMEZONE: DEMO_TIME_ZONE,
      ORG_CURRENCY: 'KES',
      ...process.env,
    }),
    mysqlUrl: options.mysqlUrl,
    port: options.port,
  };
  log(`Preparing the demo database (${config.mysqlUrl.replace(/\/\/[^@]*@/, '//')})…`);
  await ensureDatabase(config.mysqlUrl);
  const db = createDb(config.mysqlUrl, 4);
  await migrateServer(db);
  for (const user of DEMO_USERS) {
    const existing = await findUserByEmail(db, user.email);
    if (existing)
      await db
        .updateTable('users')
        .set({ password_hash: await hashPassword(user.password), active: 1 })
        .where('id', '=', existing.id)
        .execute();
    else await addUser(db, user);
  }
  const serverUrl = `http://${config.host}:${config.port}`;
  let app: FastifyInstance | null = null;
  const startServer = async () => {
    if (app) return;
    const next = await buildServer({ config, db });
    await next.listen({ port: config.port, host: config.host });
    app = next;
  };
  const stopServer = async () => {
    const running = app;
    app = null;
    await running?.close();
  };
  await startServer();

  const { n } = await db
    .selectFrom('suppliers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) === 0) {
    log('Seeding three months of collections and payments through a desk…');
    const dir = mkdtempSync(join(tmpdir(), 'collectpay-demo-seed-'));
    try {
      const seeder = await createCore({
        filename: join(dir, 'seed.sqlite'),
        secrets: new MemorySecretStore(),
        orgTimeZone: config.orgTimeZone,
      });
      await createLocalAdmin(seeder, {
        name: 'Seeder',
        email: 'seeder@demo.collectpay',
        password: 'seeder-password',
      });
      const counts = await seedDemo(seeder, options.size);
      const result = await connectDesk(seeder, {
        serverUrl,
        email: DEMO_USERS[0]!.email,
        password: DEMO_USERS[0]!.password,
      });
      log(`Seeded ${counts.collections} collections and ${counts.payments} payments (${result.message})`);
      await seeder.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    serverUrl,
    config,
    db,
    get up() {
      return app !== null;
    },
    stopServer,
    startServer,
    async close() {
      await stopServer();
      await db.destroy();
    },
  };
}
