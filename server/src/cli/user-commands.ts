import { parseArgs } from 'node:util';
import { isAppError } from '../../../shared';
import { publishSessionChange } from '../auth/redis-session-bus';
import { loadConfig } from '../config';
import { createDb, ensureDatabase, migrateServer } from '../db/connection';
import { addUser, setUserActive } from '../users/users';
import { readNewPassword } from './read-password';

export const USER_USAGE = `  npm run server -- user:add --email E --name N --role clerk|supervisor|admin
                                      the password is asked for (not shown), or read from a pipe:
                                      printf '%s\\n' "$PASSWORD" | npm run server -- user:add …
  npm run server -- user:deactivate --email E   end the user's sessions now; no sign-in until activated
  npm run server -- user:activate --email E     allow the user to sign in again`;

/** Runs `work` on a migrated database; an AppError becomes its message (and field names) and exit code 1. */
async function withDatabase(work: (db: ReturnType<typeof createDb>) => Promise<void>): Promise<number> {
  const config = loadConfig();
  await ensureDatabase(config.mysqlUrl);
  const db = createDb(config.mysqlUrl, 1);
  try {
    await migrateServer(db);
    await work(db);
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

export async function userAdd(argv: string[]): Promise<number> {
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
    console.log(`Usage:\n${USER_USAGE}`);
    return 0;
  }
  let password = values.password;
  if (password === undefined) {
    try {
      password = await readNewPassword(process.stdin, process.stderr);
    } catch (error) {
      console.error((error as Error).message);
      return 1;
    }
  }
  return withDatabase(async (db) => {
    const { email, name, role } = values;
    const user = await addUser(db, { email, name, role, password } as never);
    console.log(`Added ${user.role} ${user.name} <${user.email}> (id ${user.id})`);
  });
}

/** user:deactivate / user:activate; the change is told to running instances over Redis when there is one. */
export async function userSetActive(argv: string[], active: boolean): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    console.log(`Usage:\n${USER_USAGE}`);
    return 0;
  }
  if (!values.email) {
    console.error('--email is required');
    return 1;
  }
  const email = values.email;
  return withDatabase(async (db) => {
    const user = await setUserActive(db, email, active);
    console.log(`${active ? 'Activated' : 'Deactivated'} ${user.role} ${user.name} <${user.email}>`);
    const config = loadConfig();
    const told =
      config.redisUrl &&
      (await publishSessionChange(config.redisUrl, config.redisPrefix, { kind: 'user', id: user.id }));
    if (!told) {
      console.log(
        `Running servers see the change within ${config.sessionCacheMs / 1000} s${config.redisUrl ? ' (Redis could not be reached)' : ''}.`,
      );
    }
  });
}
