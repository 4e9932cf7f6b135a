/**
 * `npm run demo`: one command for anyone evaluating CollectPay. Creates a demo database on the local MariaDB
 * (MYSQL_URL, default collectpay_demo), a supervisor and two clerks, seeds three months of realistic work
 * through a desk (so it travels the real sync path), starts the server, and opens the desktop app — or, where
 * Electron cannot run, the same UI in the browser test host.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startTestHost } from '../app/dev/test-host';
import { MemorySecretStore } from '../app/main/core/auth/secret-store';
import { createCore } from '../app/main/core/create-core';
import { connectDesk } from '../app/main/core/desk/connect';
import { seedDemo } from '../app/main/core/desk/demo-seed';
import { createLocalAdmin } from '../app/main/core/desk/local-admin';
import { buildServer } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { createDb, ensureDatabase, migrateServer } from '../server/src/db/connection';
import { hashPassword } from '../server/src/auth/passwords';
import { addUser, findUserByEmail } from '../server/src/users/users';

const USERS = [
  {
    email: 'supervisor@demo.collectpay',
    password: 'supervisor-demo',
    name: 'Otieno Supervisor',
    role: 'supervisor' as const,
  },
  { email: 'clerk1@demo.collectpay', password: 'clerk-demo-1', name: 'Wanjiru Clerk', role: 'clerk' as const },
  { email: 'clerk2@demo.collectpay', password: 'clerk-demo-2', name: 'Kibet Clerk', role: 'clerk' as const },
];

async function main() {
  const { values } = parseArgs({
    options: { browser: { type: 'boolean' }, electron: { type: 'boolean' }, port: { type: 'string' } },
  });
  const config = {
    ...loadConfig({
      MYSQL_URL: 'mysql://root@127.0.0.1:3306/collectpay_demo',
      JWT_SECRET: 'collectpay-demo-secret-not-for-production-use',
      LOG_LEVEL: 'warn',
      ...process.env,
    }),
    port: Number(values.port ?? process.env.PORT ?? 8787),
  };
  console.log(`Preparing the demo database (${config.mysqlUrl.replace(/\/\/[^@]*@/, '//')})…`);
  await ensureDatabase(config.mysqlUrl);
  const db = createDb(config.mysqlUrl, 4);
  await migrateServer(db);
  for (const user of USERS) {
    const existing = await findUserByEmail(db, user.email);
    if (existing)
      await db
        .updateTable('users')
        .set({ password_hash: await hashPassword(user.password), active: 1 })
        .where('id', '=', existing.id)
        .execute();
    else await addUser(db, user);
  }
  const app = await buildServer({ config, db });
  await app.listen({ port: config.port, host: config.host });
  const serverUrl = `http://${config.host}:${config.port}`;

  const { n } = await db
    .selectFrom('suppliers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) === 0) {
    console.log('Seeding three months of collections and payments through a desk…');
    const dir = mkdtempSync(join(tmpdir(), 'collectpay-demo-seed-'));
    const seeder = await createCore({ filename: join(dir, 'seed.sqlite'), secrets: new MemorySecretStore() });
    await createLocalAdmin(seeder, { name: 'Seeder', email: 'seeder@demo.collectpay', password: 'seeder-password' });
    const counts = await seedDemo(seeder);
    const result = await connectDesk(seeder, { serverUrl, email: USERS[0]!.email, password: USERS[0]!.password });
    console.log(`Seeded ${counts.collections} collections and ${counts.payments} payments (${result.message})`);
    await seeder.close();
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\nCollectPay demo server: ${serverUrl}\nSign in with any of:`);
  for (const u of USERS) console.log(`  ${u.role.padEnd(10)} ${u.email.padEnd(30)} password: ${u.password}`);

  const stopAll: (() => Promise<void>)[] = [async () => app.close(), async () => db.destroy()];
  const wantsElectron =
    values.electron || (!values.browser && (process.platform !== 'linux' || Boolean(process.env.DISPLAY)));
  let openedElectron = false;
  if (wantsElectron) {
    openedElectron = await new Promise<boolean>((resolve) => {
      const child = spawn('npx', ['electron-vite', 'preview'], {
        stdio: 'inherit',
        env: { ...process.env, COLLECTPAY_SERVER_URL: serverUrl },
      });
      const timer = setTimeout(() => resolve(true), 15_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code !== 0) console.log('\nElectron could not start here; opening the browser version instead.');
        resolve(code === 0);
      });
      stopAll.push(async () => void child.kill());
    });
  }
  if (!openedElectron) {
    const dataDir = mkdtempSync(join(tmpdir(), 'collectpay-demo-desk-'));
    await new Promise<void>((resolve, reject) => {
      const build = spawn('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
      build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('electron-vite build failed'))));
    });
    const host = await startTestHost({
      dataDir,
      staticDir: 'out/renderer',
      serverUrl,
      port: Number(process.env.DESK_PORT ?? 5174),
    });
    stopAll.push(async () => host.close());
    console.log(
      `\nOpen the desk in your browser: ${host.url}\n(Choose "Connect to your office server"; the address is filled in.)`,
    );
  }
  console.log('\nPress Ctrl+C to stop.');
  const stop = async () => {
    for (const s of stopAll.reverse()) await s().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (/ECONNREFUSED|connect/i.test(String(error)))
    console.error('Is MariaDB/MySQL running on 127.0.0.1:3306? (See README: Quick start.)');
  process.exit(1);
});
