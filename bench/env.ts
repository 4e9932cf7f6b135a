import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { amountMinor, newId, ROUTES, type RequestOf, type ResponseOf, type Route } from '../shared';
import { MemorySecretStore } from '../app/main/core/auth/secret-store';
import { createCore, type Core } from '../app/main/core/create-core';
import { HttpClient } from '../app/main/core/sync/http-client';
import { retryStaleSockets } from '../app/main/core/sync/stale-socket-retry';
import { addUser } from '../server/src/users/users';
import type { TestDatabase } from '../server/test/mysql';
import { now } from './lib';

/** What every figure gets: the bench's database and server, the size of the run, a scratch folder. */
export interface BenchEnv {
  db: TestDatabase;
  serverUrl: string;
  serverPid: number;
  quick: boolean;
  dir: string;
}

/** Values one figure measures for another (memory after a pull, after a statement, the server's peak). */
export interface BenchState {
  rss: {
    /** The desk's own process (bench/desk-pull.ts): RSS once open and after pulling everything. */
    afterPull?: { opened: number; rss: number };
    /** The desk's own process (bench/desk-statement.ts): RSS once open, after the statement, and its peak. */
    afterStatement?: { opened: number; rss: number; peak: number };
    serverPeak?: number;
  };
}

const PASSWORD = 'bench password';
export const ms = (n: number) => Math.round(n * 100) / 100;
export const ts = (d: Date | number) => new Date(d).toISOString().replace('T', ' ').replace('Z', '');

export async function prepare(env: BenchEnv) {
  await addUser(env.db.db, { email: 'bench@example.com', password: PASSWORD, name: 'Bench', role: 'supervisor' });
}

const clients = new Map<string, HttpClient>();

/** The desk's own HTTP client (gzip, error kinds, a retry on a stale keep-alive socket), one per server. */
export function client(env: Pick<BenchEnv, 'serverUrl'>): HttpClient {
  let c = clients.get(env.serverUrl);
  if (!c) clients.set(env.serverUrl, (c = new HttpClient(env.serverUrl, retryStaleSockets(fetch), 120_000)));
  return c;
}

export async function login(env: Pick<BenchEnv, 'serverUrl'>, deviceId = newId()) {
  const tokens = await client(env).call(ROUTES.login, {
    email: 'bench@example.com',
    password: PASSWORD,
    device_id: deviceId,
  });
  return { deviceId, token: tokens.access_token };
}

/** One call of the route table with a token (the answer parsed, as the desk parses it). */
export async function post<R extends Route>(
  env: Pick<BenchEnv, 'serverUrl'>,
  route: R,
  token: string,
  body: RequestOf<R>,
): Promise<ResponseOf<R>> {
  return client(env).call(route, body, { token });
}

/** A supplier set, a product and its rate, pushed through the API. */
export async function reference(env: BenchEnv, token: string, deviceId: string, suppliers: number) {
  const product = newId();
  const rows = Array.from({ length: suppliers }, (_, i) => ({
    uuid: newId(),
    code: `B-${newId().slice(-10)}-${i}`,
    name: `Bench supplier ${i}`,
  }));
  const ops = [
    {
      op_id: newId(),
      entity_type: 'products',
      operation: 'create',
      data: { uuid: product, code: `BP-${newId().slice(-8)}`, name: 'Bench tea', unit: 'kg' },
    },
    {
      op_id: newId(),
      entity_type: 'product_rates',
      operation: 'create',
      data: { uuid: newId(), product_uuid: product, rate_minor: 3275, effective_from: '2026-01-01' },
    },
    ...rows.map((data) => ({ op_id: newId(), entity_type: 'suppliers', operation: 'create', data })),
  ];
  for (let i = 0; i < ops.length; i += 100)
    await post(env, ROUTES.push, token, { device_id: deviceId, batch: ops.slice(i, i + 100) });
  return { product, suppliers: rows.map((r) => r.uuid) };
}

export function collectionOps(product: string, suppliers: string[], n: number) {
  return Array.from({ length: n }, (_, i) => ({
    op_id: newId(),
    entity_type: 'collections',
    operation: 'create',
    data: {
      uuid: newId(),
      supplier_uuid: suppliers[i % suppliers.length],
      product_uuid: product,
      collected_at: '2026-11-20T07:45:00Z',
      quantity_milli: 1000 + i,
      notes: '',
    },
    client_timestamp: `2026-11-20T07:45:03.120Z-0000-bench`,
  }));
}

/** Every desk sends its batches of 100 collections one after another, all desks at once: ops/s. */
export async function concurrentPushRate(
  env: BenchEnv,
  desks: { token: string; deviceId: string }[],
  product: string,
  suppliers: string[],
  batches: number,
): Promise<number> {
  const start = now();
  await Promise.all(
    desks.map(async (d) => {
      for (let b = 0; b < batches; b++)
        await post(env, ROUTES.push, d.token, {
          device_id: d.deviceId,
          batch: collectionOps(product, suppliers, 100),
        });
    }),
  );
  return (desks.length * batches * 100) / ((now() - start) / 1000);
}

/** Figure 1: server push throughput vs bare batched INSERTs through mysql2, one transaction per batch. */

/** Bulk rows straight into MySQL (for pull and load figures), with seqs and the clock moved on. */
export async function seedServer(env: BenchEnv, counts: { suppliers: number; collections: number; payments: number }) {
  const conn = await createConnection({ uri: env.db.url });
  const [[clock]] = (await conn.query('select seq from sync_clock where id = 1')) as unknown as [{ seq: number }[]];
  let seq = Number(clock!.seq) + 1;
  const t = ts(Date.now());
  const product = newId();
  await conn.query(
    'insert into products (uuid, version, created_at, updated_at, deleted_at, created_by, updated_by, seq, field_versions, code, name, unit, active) values (?, 1, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, 1)',
    [product, t, t, 'u', 'u', seq++, '{}', `SP-${newId().slice(-8)}`, 'Seed tea', 'kg'],
  );
  const suppliers: string[] = [];
  const chunk = async (sqlText: string, rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += 2000) await conn.query(sqlText, [rows.slice(i, i + 2000)]);
  };
  const sRows = Array.from({ length: counts.suppliers }, (_, i) => {
    const uuid = newId();
    suppliers.push(uuid);
    return [
      uuid,
      1,
      t,
      t,
      null,
      'u',
      'u',
      seq++,
      '{}',
      null,
      `P-${i}-${uuid.slice(-6)}`,
      `Pulled supplier ${i}`,
      '07000000',
      'Plot 1',
      'Kericho',
      '',
      1,
    ];
  });
  await chunk(
    'insert into suppliers (uuid, version, created_at, updated_at, deleted_at, created_by, updated_by, seq, field_versions, last_hlc, code, name, phone, address, region, notes, active) values ?',
    sRows,
  );
  const cRows = Array.from({ length: counts.collections }, (_, i) => {
    const q = 1000 + (i % 30_000);
    return [
      newId(),
      1,
      t,
      t,
      null,
      'u',
      'u',
      seq++,
      '{"quantity_milli":1}',
      null,
      suppliers[i % suppliers.length],
      product,
      ts(Date.UTC(2026, 8, 1) + i * 60_000),
      q,
      3275,
      amountMinor(q, 3275),
      '',
    ];
  });
  await chunk(
    'insert into collections (uuid, version, created_at, updated_at, deleted_at, created_by, updated_by, seq, field_versions, last_hlc, supplier_uuid, product_uuid, collected_at, quantity_milli, rate_minor, amount_minor, notes) values ?',
    cRows,
  );
  const pRows = Array.from({ length: counts.payments }, (_, i) => [
    newId(),
    1,
    t,
    t,
    null,
    'u',
    'u',
    seq++,
    '{}',
    null,
    suppliers[i % suppliers.length],
    ts(Date.UTC(2026, 8, 1) + i * 300_000),
    10_000 + i,
    'partial',
    'cash',
    `R${i}`,
    '',
    null,
    null,
  ]);
  await chunk(
    'insert into payments (uuid, version, created_at, updated_at, deleted_at, created_by, updated_by, seq, field_versions, last_hlc, supplier_uuid, paid_at, amount_minor, type, method, reference, notes, voided_at, void_reason) values ?',
    pRows,
  );
  await conn.query('update sync_clock set seq = ? where id = 1', [seq]);
  await conn.end();
}

export async function desk(env: Pick<BenchEnv, 'dir' | 'serverUrl'>, name: string): Promise<Core> {
  const core = await createCore({
    filename: join(env.dir, `${name}.sqlite`),
    serverUrl: env.serverUrl,
    secrets: new MemorySecretStore(),
    engine: { setTimer: () => null, clearTimer: () => undefined },
  });
  await core.auth.login('bench@example.com', PASSWORD);
  return core;
}

/** 100 changes written on desk A reach desk B by B's live channel and the pull it triggers: ms (∞ after 10 s). */
export async function liveSpread(a: Core, b: Core): Promise<number> {
  await a.engine.sync('manual');
  await b.engine.sync('manual');
  b.startLive();
  await new Promise((r) => setTimeout(r, 500));
  const made: string[] = [];
  for (let i = 0; i < 100; i++)
    made.push((await a.suppliers.create({ code: `LIVE-${i}-${newId().slice(-6)}`, name: `Live ${i}` })).uuid);
  const start = now();
  await a.engine.sync('manual');
  let elapsed = Infinity;
  while (now() - start < 10_000) {
    const { n } = await b.db
      .selectFrom('suppliers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('uuid', 'in', made)
      .executeTakeFirstOrThrow();
    if (Number(n) === 100) {
      elapsed = now() - start;
      break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  b.stopLive();
  return elapsed;
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'collectpay-bench-'));
}
