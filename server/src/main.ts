import { loadConfig, ConfigError } from './config';
import { buildServer } from './app';
import { createDb, ensureDatabase, isDatabaseUnreachable, migrateServer } from './db/connection';
import { USER_USAGE, userAdd, userSetActive } from './cli/user-commands';

const USAGE = `Usage:
  npm run server                      create + migrate the database, then serve
  npm run server -- migrate           create + migrate only
${USER_USAGE}`;

async function migrateOnce(url: string): Promise<void> {
  await ensureDatabase(url);
  const db = createDb(url, 1);
  try {
    await migrateServer(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Creates and migrates the database; while it cannot be reached, waits up to `waitSeconds` (an instance may
 * start before its database node, or while the node rejoins its cluster), saying so.
 */
async function migrateWhenReachable(url: string, waitSeconds: number): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(url);
    } catch (error) {
      if (!isDatabaseUnreachable(error) || Date.now() >= deadline) throw error;
      const delay = Math.min(5000, 500 * attempt);
      console.warn(
        `The database is not reachable yet (${(error as Error).message}); trying again in ${delay / 1000} s`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * `npm run server` — creates and migrates the database, then serves.
 * `npm run server -- migrate` — only creates and migrates.
 */
async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  if (command === 'user:add') return userAdd(rest);
  if (command === 'user:deactivate') return userSetActive(rest, false);
  if (command === 'user:activate') return userSetActive(rest, true);
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();

  if (command === 'migrate' || command === 'start') {
    await migrateWhenReachable(config.mysqlUrl, command === 'start' ? config.dbWaitSeconds : 0);
    if (command === 'migrate') {
      console.log('Database is up to date.');
      return 0;
    }
  } else {
    console.error(`Unknown command "${command}".\n${USAGE}`);
    return 2;
  }

  const app = await buildServer({ config });
  if (config.ephemeralSecret) {
    app.log.warn('JWT_SECRET is not set: using a throwaway secret; every sign-in ends when the server restarts');
  }
  const shutdown = async (signal: string) => {
    app.log.info({ signal, drainMs: config.shutdownDrainMs }, 'shutting down');
    // Behind a load balancer: fail its health checks first, so it stops sending new work here, then close.
    app.draining = true;
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
    // Requests in flight get 10 s to finish; an unfinished push rolls back and the desk resends it.
    const deadline = setTimeout(() => app.server.closeAllConnections(), 10_000);
    await app.close();
    clearTimeout(deadline);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
