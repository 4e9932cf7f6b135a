import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { createDb, ensureDatabase, migrateServer } from '../src/db/connection';
import type { ServerDatabase } from '../src/db/schema';

/** Where throwaway test databases are made: TEST_MYSQL_URL, default root on the local MariaDB. */
export const TEST_MYSQL_SERVER = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export interface TestDatabase {
  url: string;
  name: string;
  db: Kysely<ServerDatabase>;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own (never a shared one); `drop` removes it. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `cp_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const target = new URL(TEST_MYSQL_SERVER);
  target.pathname = `/${name}`;
  const url = target.toString();
  await ensureDatabase(url);
  const db = createDb(url, 4);
  if (options.migrate !== false) await migrateServer(db);
  return {
    url,
    name,
    db,
    async drop() {
      await db.destroy();
      const connection = await createConnection({ uri: TEST_MYSQL_SERVER });
      try {
        await connection.query(`drop database if exists \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}
