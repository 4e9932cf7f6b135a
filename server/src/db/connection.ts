import { Kysely, MysqlDialect } from 'kysely';
import { migrateToLatest } from '../../../shared/db/migrate-to-latest';
import { createConnection, createPool, format } from 'mysql2';
import { serverMigrationProvider } from './migrations';
import type { ServerDatabase } from './schema';

interface MysqlTarget {
  /** The URL without the database, for creating it. */
  serverUrl: string;
  database: string;
}

function parseMysqlUrl(url: string): MysqlTarget {
  const parsed = new URL(url);
  const database = parsed.pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`MYSQL_URL names no valid database: "${database}"`);
  parsed.pathname = '/';
  return { serverUrl: parsed.toString(), database };
}

/**
 * A statement with no values is sent as it is: mysql2 otherwise scans every statement's text for `?`, and the
 * push's large inserts come already escaped (db/insert-text.ts), ~100 KB of text a batch.
 */
export function formatQuery(sql: string, values: unknown): string {
  if (values === undefined || (Array.isArray(values) && values.length === 0)) return sql;
  return format(sql, values as Parameters<typeof format>[1], false, 'Z');
}

/** mysql2 options shared by the pool and one-off connections: UTC, exact integers, strings for times. */
const connectionOptions = {
  queryFormat: formatQuery,
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
const CAUSAL_READS_SQL = 'set session wsrep_sync_wait = @@global.wsrep_sync_wait | 1';

export function createDb(url: string, poolSize = 10): Kysely<ServerDatabase> {
  const pool = createPool({ uri: url, ...connectionOptions, connectionLimit: poolSize, waitForConnections: true });
  pool.on('connection', (connection) => connection.query(CAUSAL_READS_SQL, () => undefined));
  return new Kysely<ServerDatabase>({ dialect: new MysqlDialect({ pool }) });
}

/**
 * Creates the database named in the URL if it does not exist yet. Looked up first: on a Galera cluster even
 * a no-op CREATE is DDL that pauses every node, and each instance start would pay it.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const { serverUrl, database } = parseMysqlUrl(url);
  const connection = createConnection({ uri: serverUrl, ...connectionOptions });
  try {
    const [found] = await connection
      .promise()
      .query('select schema_name from information_schema.schemata where schema_name = ?', [database]);
    if ((found as unknown[]).length > 0) return;
    await connection
      .promise()
      .query(`create database if not exists \`${database}\` character set utf8mb4 collate utf8mb4_unicode_ci`);
  } finally {
    connection.destroy();
  }
}

export async function migrateServer(db: Kysely<ServerDatabase>): Promise<void> {
  await migrateToLatest(db, serverMigrationProvider, 'Server');
}

/** mysql2 error codes that mean "not reachable right now" (down, restarting, a Galera node still joining). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  // 1047 "WSREP has not yet prepared node for application use"; a causal read that timed out (1205).
  'ER_UNKNOWN_COM_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_CON_COUNT_ERROR',
]);

export function isDatabaseUnreachable(error: unknown): boolean {
  return UNREACHABLE.has((error as { code?: string } | null)?.code ?? '');
}
