import { Kysely, Migrator, MysqlDialect } from 'kysely';
import { createConnection, createPool } from 'mysql2';
import { serverMigrationProvider } from './migrations';
import type { ServerDatabase } from './schema';

export interface MysqlTarget {
  /** The URL without the database, for creating it. */
  serverUrl: string;
  database: string;
}

export function parseMysqlUrl(url: string): MysqlTarget {
  const parsed = new URL(url);
  const database = parsed.pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`MYSQL_URL names no valid database: "${database}"`);
  parsed.pathname = '/';
  return { serverUrl: parsed.toString(), database };
}

/** mysql2 options shared by the pool and one-off connections: UTC, exact integers, strings for times. */
const connectionOptions = {
  timezone: 'Z',
  dateStrings: true,
  supportBigNumbers: true,
  bigNumberStrings: false,
  decimalNumbers: false,
  connectTimeout: 3000,
  charset: 'utf8mb4_unicode_ci',
} as const;

/**
 * On a Galera node, reads wait until the node has applied every write the cluster committed before them
 * (wsrep_sync_wait bit 1): a desk told "changes up to N" by another instance then pulls N from any node.
 * Elsewhere the variable is inert (MariaDB without wsrep) or unknown (MySQL): the error is ignored.
 */
export const CAUSAL_READS_SQL = 'set session wsrep_sync_wait = @@global.wsrep_sync_wait | 1';

export function createDb(url: string, poolSize = 10): Kysely<ServerDatabase> {
  const pool = createPool({ uri: url, ...connectionOptions, connectionLimit: poolSize, waitForConnections: true });
  pool.on('connection', (connection) => connection.query(CAUSAL_READS_SQL, () => undefined));
  return new Kysely<ServerDatabase>({ dialect: new MysqlDialect({ pool }) });
}

/** Creates the database named in the URL if it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const { serverUrl, database } = parseMysqlUrl(url);
  const connection = createConnection({ uri: serverUrl, ...connectionOptions });
  try {
    await connection
      .promise()
      .query(`create database if not exists \`${database}\` character set utf8mb4 collate utf8mb4_unicode_ci`);
  } finally {
    connection.destroy();
  }
}

export async function migrateServer(db: Kysely<ServerDatabase>): Promise<void> {
  const migrator = new Migrator({ db, provider: serverMigrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`Server database migration failed: ${reason}`);
  }
}
