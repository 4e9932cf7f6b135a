import { loadConfig, ConfigError } from './config';
import { buildServer } from './app';
import { createDb, ensureDatabase, migrateServer } from './db/connection';

/**
 * `npm run server` — creates and migrates the database, then serves.
 * `npm run server -- migrate` — only creates and migrates.
 */
async function main(argv: string[]): Promise<number> {
  const [command = 'start'] = argv;
  const config = loadConfig();

  if (command === 'migrate' || command === 'start') {
    await ensureDatabase(config.mysqlUrl);
    const db = createDb(config.mysqlUrl, 1);
    try {
      await migrateServer(db);
    } finally {
      await db.destroy();
    }
    if (command === 'migrate') {
      console.log('Database is up to date.');
      return 0;
    }
  } else {
    console.error(`Unknown command "${command}". Commands: start (default), migrate.`);
    return 2;
  }

  const app = await buildServer({ config });
  if (config.ephemeralSecret) {
    app.log.warn('JWT_SECRET is not set: using a throwaway secret; every sign-in ends when the server restarts');
  }
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
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
