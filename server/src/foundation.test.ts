import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../test/config';
import { createTestDatabase, type TestDatabase } from '../test/mysql';
import { buildServer } from './app';
import { migrateServer } from './db/connection';

describe('server foundation on MariaDB', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => test?.drop());

  it('migrates a throwaway database to every table, idempotently', async () => {
    await migrateServer(test.db);
    await migrateServer(test.db);
    const { rows } = await sql<{
      name: string;
    }>`select table_name as name from information_schema.tables where table_schema = ${test.name} order by table_name`.execute(
      test.db,
    );
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'audit',
        'collections',
        'conflicts',
        'devices',
        'payments',
        'product_rates',
        'products',
        'refresh_tokens',
        'suppliers',
        'sync_clock',
        'sync_ops',
        'users',
      ]),
    );
    const columns = await sql<{
      name: string;
    }>`select column_name as name from information_schema.columns where table_schema = ${test.name} and table_name = 'collections'`.execute(
      test.db,
    );
    expect(columns.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['seq', 'field_versions', 'amount_minor']));
  });

  it('answers health 200 with the database up', async () => {
    const app = await buildServer({ config: testConfig({ mysqlUrl: test.url }), db: test.db });
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'ok' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    await app.close();
  });

  it('answers health 503 "draining" once shutdown has begun, so a load balancer moves work elsewhere', async () => {
    const app = await buildServer({ config: testConfig({ mysqlUrl: test.url }), db: test.db });
    app.draining = true;
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'draining', db: 'ok' });
    await app.close();
  });

  it('answers health 503 when the database is unreachable', async () => {
    const app = await buildServer({ config: testConfig({ mysqlUrl: 'mysql://root@127.0.0.1:1/nowhere' }) });
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'down', db: 'down' });
    await app.close();
  });

  it('answers unknown endpoints with the protocol error shape', async () => {
    const app = await buildServer({ config: testConfig({ mysqlUrl: test.url }), db: test.db });
    const res = await app.inject({ method: 'GET', url: '/api/v1/nope?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such endpoint: GET /api/v1/nope' } });
    await app.close();
  });
});
