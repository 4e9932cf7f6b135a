import { parseArgs } from 'node:util';
import { isAppError } from '../../shared';
import { loadConfig, ConfigError } from './config';
import { buildServer } from './app';
import { createDb, ensureDatabase, migrateServer } from './db/connection';
import { addUser } from './users/users';

const USAGE = `Usage:
  npm run server                      create + migrate the database, then serve
  npm run server -- migrate           create + migrate only
  npm run server -- user:add --email E --password P --name N --role clerk|supervisor|admin`;

async function userAdd(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  await ensureDatabase(config.mysqlUrl);
  const db = createDb(config.mysqlUrl, 1);
  try {
    await migrateServer(db);
    const user = await addUser(db, values as never);
    console.log(`Added ${user.role} ${user.name} <${user.email}> (id ${user.id})`);
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    console.error(
      error.fields
        ? Object.entries(error.fields)
            .map(([f, m]) => `--${f} ${m}`)
            .join('\n')
        : error.message,
    );
    return 1;
  } finally {
    await db.destroy();
  }
}

/**
 * `npm run server` — creates and migrates the database, then serves.
 * `npm run server -- migrate` — only creates and migrates.
 */
async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  if (command === 'user:add') return userAdd(rest);
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
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
    console.error(`Unknown command "${command}".\n${USAGE}`);
    return 2;
  }

  const app = await buildServer({ config });
  if (config.ephemeralSecret) {
    app.log.warn('JWT_SECRET is not set: using a throwaway secret; every sign-in ends when the server restarts');
  }
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
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
