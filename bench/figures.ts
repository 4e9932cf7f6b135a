import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { amountMinor, newId, type PullResponse, type PushResponse, type TokenResponse } from '../shared';
import { MemorySecretStore } from '../app/main/core/auth/secret-store';
import { createCore, type Core } from '../app/main/core/create-core';
import { openSqlite } from '../app/main/core/db/connection';
import { renderReport } from '../app/main/core/reports/reports';
import { addUser } from '../server/src/users/users';
import type { TestDatabase } from '../server/test/mysql';
import { now, percentile, rssMb, type Figure } from './lib';

export interface BenchEnv {
  db: TestDatabase;
  serverUrl: string;
  serverPid: number;
  quick: boolean;
  dir: string;
}

const PASSWORD = 'bench password';
const ms = (n: number) => Math.round(n * 100) / 100;
const ts = (d: Date | number) => new Date(d).toISOString().replace('T', ' ').replace('Z', '');

export async function prepare(env: BenchEnv) {
  await addUser(env.db.db, { email: 'bench@example.com', password: PASSWORD, name: 'Bench', role: 'supervisor' });
}

export async function login(env: BenchEnv, deviceId = newId()) {
  const res = await fetch(`${env.serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: PASSWORD, device_id: deviceId }),
  });
  const tokens = (await res.json()) as TokenResponse;
  return { deviceId, token: tokens.access_token };
}

export async function post<T>(env: BenchEnv, path: string, token: string, body: unknown): Promise<T> {
  const zipped = gzipSync(JSON.stringify(body));
  const res = await fetch(`${env.serverUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'accept-encoding': 'gzip',
    },
    body: new Uint8Array(zipped),
  });
  if (!res.ok) throw new Error(`${path} ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
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
    await post(env, '/api/v1/sync/push', token, { device_id: deviceId, batch: ops.slice(i, i + 100) });
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
        await post(env, '/api/v1/sync/push', d.token, {
          device_id: d.deviceId,
          batch: collectionOps(product, suppliers, 100),
        });
    }),
  );
  return (desks.length * batches * 100) / ((now() - start) / 1000);
}

/** Figure 1: server push throughput vs bare batched INSERTs through mysql2, one transaction per batch. */
export async function pushThroughput(env: BenchEnv): Promise<Figure[]> {
  const batches = env.quick ? 10 : 60;
  const desks = env.quick ? 5 : 20;
  const one = await login(env);
  const { product, suppliers } = await reference(env, one.token, one.deviceId, 200);

  let start = now();
  for (let b = 0; b < batches; b++) {
    const res = await post<PushResponse>(env, '/api/v1/sync/push', one.token, {
      device_id: one.deviceId,
      batch: collectionOps(product, suppliers, 100),
    });
    if (res.results.success.length !== 100) throw new Error('push failed');
  }
  const single = (batches * 100) / ((now() - start) / 1000);

  const many = await Promise.all(Array.from({ length: desks }, () => login(env)));
  const perDesk = Math.max(1, Math.floor(batches / 2));
  const concurrent = await concurrentPushRate(env, many, product, suppliers, perDesk);

  // Raw: the same rows (priced in the client) as bare multi-row INSERTs, one transaction per batch.
  const conn = await createConnection({ uri: env.db.url });
  await conn.query('create table raw_collections like collections');
  let seq = 10_000_000;
  const rawBatch = async (c: Connection) => {
    const rows = collectionOps(product, suppliers, 100).map((op) => {
      const t = ts(Date.now());
      const q = op.data.quantity_milli as number;
      return [
        op.data.uuid,
        1,
        t,
        t,
        null,
        'u',
        'u',
        seq++,
        '{}',
        null,
        op.data.supplier_uuid,
        product,
        '2026-11-20 07:45:00.000',
        q,
        3275,
        amountMinor(q, 3275),
        '',
      ];
    });
    await c.beginTransaction();
    await c.query(
      'insert into raw_collections (uuid, version, created_at, updated_at, deleted_at, created_by, updated_by, seq, field_versions, last_hlc, supplier_uuid, product_uuid, collected_at, quantity_milli, rate_minor, amount_minor, notes) values ?',
      [rows],
    );
    await c.commit();
  };
  start = now();
  for (let b = 0; b < batches; b++) await rawBatch(conn);
  const rawSingle = (batches * 100) / ((now() - start) / 1000);
  const conns = await Promise.all(Array.from({ length: desks }, () => createConnection({ uri: env.db.url })));
  start = now();
  await Promise.all(
    conns.map(async (c) => {
      for (let b = 0; b < perDesk; b++) await rawBatch(c);
    }),
  );
  const rawConcurrent = (desks * perDesk * 100) / ((now() - start) / 1000);
  for (const c of [conn, ...conns]) await c.end();
  return [
    {
      id: '1a',
      name: 'Push throughput, 1 desk',
      value: Math.round(single),
      unit: 'ops/s',
      baseline: Math.round(rawSingle),
      baselineName: 'bare batched INSERT',
      ratio: single / rawSingle,
      target: '≥ 0.50',
      met: single / rawSingle >= 0.5,
    },
    {
      id: '1b',
      name: `Push throughput, ${desks} desks`,
      value: Math.round(concurrent),
      unit: 'ops/s',
      baseline: Math.round(rawConcurrent),
      baselineName: 'bare batched INSERT',
      ratio: concurrent / rawConcurrent,
      target: '≥ 0.50',
      met: concurrent / rawConcurrent >= 0.5,
    },
  ];
}

/** Bulk rows straight into MySQL (for pull and load figures), with seqs and the clock moved on. */
async function seedServer(env: BenchEnv, counts: { suppliers: number; collections: number; payments: number }) {
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

export async function desk(env: BenchEnv, name: string): Promise<Core> {
  const core = await createCore({
    filename: join(env.dir, `${name}.sqlite`),
    serverUrl: env.serverUrl,
    secrets: new MemorySecretStore(),
    engine: { setTimer: () => null, clearTimer: () => undefined },
  });
  await core.auth.login('bench@example.com', PASSWORD);
  return core;
}

/** Figure 2 (+ 6a): an empty desk pulling everything, vs SELECT + one prepared INSERT in one transaction. */
export async function initialPull(env: BenchEnv): Promise<{ figures: Figure[]; rssAfterPull: number }> {
  const counts = env.quick
    ? { suppliers: 500, collections: 10_000, payments: 2_000 }
    : { suppliers: 5_000, collections: 100_000, payments: 20_000 };
  await seedServer(env, counts);
  const core = await desk(env, 'pull');
  let start = now();
  const result = await core.engine.sync('manual');
  const pullMs = now() - start;
  const rows = result.pulled;
  const rssAfterPull = rssMb();
  await core.close();

  // Bytes on the wire, with and without gzip, for the same pages (node:http sees the compressed bytes).
  const who = await login(env);
  const gzipBytes = await wireBytes(env, who, 'gzip');
  const plainBytes = await wireBytes(env, who, 'identity');

  // Raw: the same rows straight from MySQL into SQLite.
  const conn = await createConnection({ uri: env.db.url, dateStrings: true });
  const sqlite = openSqlite(join(env.dir, 'raw-pull.sqlite'));
  sqlite.exec('create table rows (uuid text primary key, type text, body text)');
  start = now();
  const insert = sqlite.prepare('insert into rows (uuid, type, body) values (?, ?, ?)');
  let rawRows = 0;
  for (const table of ['suppliers', 'products', 'product_rates', 'collections', 'payments']) {
    const [data] = (await conn.query(`select * from ${table}`)) as unknown as [Record<string, unknown>[]];
    sqlite.transaction(() => {
      for (const row of data) insert.run(row.uuid, table, JSON.stringify(row));
    })();
    rawRows += data.length;
  }
  const rawMs = now() - start;
  await conn.end();
  sqlite.close();
  const rate = rows / (pullMs / 1000);
  const rawRate = rawRows / (rawMs / 1000);
  return {
    rssAfterPull,
    figures: [
      {
        id: '2',
        name: `Initial pull, ${rows} rows into SQLite`,
        value: Math.round(rate),
        unit: 'rows/s',
        baseline: Math.round(rawRate),
        baselineName: 'SELECT + prepared INSERT',
        ratio: rate / rawRate,
        target: '≥ 0.50',
        met: rate / rawRate >= 0.5,
        notes: `${ms(pullMs / 1000)} s end to end`,
      },
      {
        id: '2b',
        name: 'Initial pull bytes, gzip vs plain',
        value: Math.round(gzipBytes / 1024),
        unit: 'KiB',
        baseline: Math.round(plainBytes / 1024),
        baselineName: 'without gzip',
        ratio: plainBytes / Math.max(1, gzipBytes),
        target: '≥ 5× smaller',
        met: plainBytes / Math.max(1, gzipBytes) >= 5,
      },
    ],
  };
}

/** All pull pages from the start, counting the response bytes as they cross the wire. */
async function wireBytes(
  env: BenchEnv,
  who: { token: string; deviceId: string },
  encoding: 'gzip' | 'identity',
): Promise<number> {
  let total = 0;
  let cursor: string | undefined;
  for (;;) {
    const body = JSON.stringify({ device_id: who.deviceId, limit: 1000, ...(cursor ? { cursor } : {}) });
    const { bytes, text } = await new Promise<{ bytes: number; text: string }>((resolve, reject) => {
      const req = request(
        `${env.serverUrl}/api/v1/sync/pull`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${who.token}`,
            'content-type': 'application/json',
            'accept-encoding': encoding,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            resolve({
              bytes: raw.length,
              text: (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString(),
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    total += bytes;
    const page = JSON.parse(text) as PullResponse;
    cursor = page.cursor;
    if (!page.has_more) return total;
  }
}

/** Figure 3: recording a payment through the core (row + audit + outbox, synchronous=FULL) vs a bare INSERT. */
export async function localWrites(env: BenchEnv): Promise<Figure[]> {
  const n = env.quick ? 1_000 : 10_000;
  const core = await createCore({
    filename: join(env.dir, 'writes.sqlite'),
    secrets: new MemorySecretStore(),
    session: { userId: 'bench', role: 'supervisor' },
  });
  const supplier = await core.suppliers.create({ code: 'W-1', name: 'Writes' });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = now();
    await core.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 100 + i,
      type: 'partial',
      method: 'cash',
    });
    times.push(now() - t);
  }
  await core.close();
  const raw = openSqlite(join(env.dir, 'raw-writes.sqlite'));
  raw.exec('create table payments (uuid text primary key, supplier_uuid text, amount_minor integer, paid_at text)');
  const insert = raw.prepare('insert into payments values (?, ?, ?, ?)');
  const rawTimes: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = now();
    insert.run(newId(), supplier.uuid, 100 + i, new Date().toISOString());
    rawTimes.push(now() - t);
  }
  raw.close();
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  const r50 = percentile(rawTimes, 50);
  const r99 = percentile(rawTimes, 99);
  return [
    {
      id: '3a',
      name: `Local payment write p50 (${n})`,
      value: ms(p50),
      unit: 'ms',
      baseline: ms(r50),
      baselineName: 'bare INSERT, FULL',
      ratio: r50 / p50,
      target: '—',
      met: null,
    },
    {
      id: '3b',
      name: `Local payment write p99 (${n})`,
      value: ms(p99),
      unit: 'ms',
      baseline: ms(r99),
      baselineName: 'bare INSERT, FULL',
      ratio: r99 / p99,
      target: 'p99 ≤ 2 ms',
      met: p99 <= 2,
    },
  ];
}

/** Figure 4 (+ 6b): reads on a desk holding 10,000 suppliers and 1,000,000 collections. */
export async function reads(env: BenchEnv): Promise<{ figures: Figure[]; rssAfterStatement: number }> {
  const collections = env.quick ? 100_000 : 1_000_000;
  const core = await createCore({
    filename: join(env.dir, 'reads.sqlite'),
    secrets: new MemorySecretStore(),
    session: { userId: 'bench', role: 'supervisor' },
  });
  const product = await core.products.create({ code: 'R-TEA', name: 'Tea', unit: 'kg' });
  await core.rates.set({ product_uuid: product.uuid, rate_minor: 3275, effective_from: '2020-01-01' });
  const sqlite = core.sqlite;
  const t = new Date().toISOString();
  const suppliers: string[] = [];
  const insS = sqlite.prepare(
    "insert into suppliers (uuid, version, created_at, updated_at, created_by, updated_by, sync_status, code, name, phone, address, region, notes, active) values (?, 1, ?, ?, 'u', 'u', 'synced', ?, ?, '', '', '', '', 1)",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < 10_000; i++) {
      const uuid = newId();
      suppliers.push(uuid);
      insS.run(
        uuid,
        t,
        t,
        `S-${String(i).padStart(5, '0')}`,
        `${['Amina', 'Kiprono', 'Chebet', 'Otieno'][i % 4]} ${i}`,
      );
    }
  })();
  const insC = sqlite.prepare(
    "insert into collections (uuid, version, created_at, updated_at, created_by, updated_by, sync_status, supplier_uuid, product_uuid, collected_at, quantity_milli, rate_minor, amount_minor, notes) values (?, 1, ?, ?, 'u', 'u', 'synced', ?, ?, ?, ?, 3275, ?, '')",
  );
  const heavy = suppliers[0]!;
  sqlite.transaction(() => {
    for (let i = 0; i < collections; i++) {
      const q = 1000 + (i % 9000);
      // The first supplier gets 10,000 lines; the rest share the others.
      const s = i < 10_000 ? heavy : suppliers[1 + (i % 9_999)]!;
      insC.run(
        newId(),
        t,
        t,
        s,
        product.uuid,
        new Date(Date.UTC(2026, 0, 1) + i * 30_000).toISOString(),
        q,
        amountMinor(q, 3275),
      );
    }
  })();
  const time = async (fn: () => Promise<unknown> | unknown, runs = 5) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = now();
      await fn();
      samples.push(now() - s);
    }
    return percentile(samples, 50);
  };
  const filter = await time(() => core.suppliers.list({ search: 'kiprono 12', limit: 50 }));
  const rawFilter = await time(() =>
    sqlite.prepare("select * from suppliers where name like '%kiprono 12%' limit 50").all(),
  );
  const balance = await time(() => core.balances.of(heavy));
  const rawBalance = await time(() =>
    sqlite.prepare('select sum(amount_minor) from collections where supplier_uuid = ?').get(heavy),
  );
  const statement = await time(
    () =>
      renderReport(
        core,
        { kind: 'statement', supplier_uuid: heavy, from: '2025-12-01', to: '2026-12-31' },
        {
          company: { name: 'Bench', address: '' },
          money: { currency: 'USD', locale: 'en-US' },
          paper: 'A4',
          printedBy: 'bench',
          printedAt: 'now',
        },
      ),
    3,
  );
  const rawStatement = await time(
    () => sqlite.prepare('select * from collections where supplier_uuid = ? order by collected_at').all(heavy),
    3,
  );
  const rssAfterStatement = rssMb();
  await core.close();
  const f = (id: string, name: string, v: number, b: number, base: string): Figure => ({
    id,
    name,
    value: ms(v),
    unit: 'ms',
    baseline: ms(b),
    baselineName: base,
    ratio: b / v,
    target: '< 50 ms',
    met: v < 50,
  });
  return {
    rssAfterStatement,
    figures: [
      f('4a', 'Supplier filter over 10,000', filter, rawFilter, 'bare LIKE query'),
      f('4b', `Balance of one supplier (${collections} collections)`, balance, rawBalance, 'bare SUM'),
      f('4c', 'Statement of 10,000 lines (data + paged HTML)', statement, rawStatement, 'bare SELECT'),
    ],
  };
}

/** Figure 5 (+ 6c): 50 desks syncing at once; latency, errors, server memory. Raw: /health under the same load. */
export async function serverLoad(env: BenchEnv): Promise<{ figures: Figure[]; serverRss: number }> {
  const desksCount = env.quick ? 20 : 50;
  const rounds = env.quick ? 2 : 5;
  const who = await login(env);
  const { product, suppliers } = await reference(env, who.token, who.deviceId, 50);
  const desks = await Promise.all(Array.from({ length: desksCount }, () => login(env)));
  const latencies: number[] = [];
  const health: number[] = [];
  let errors = 0;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(env.serverPid))), 100);
  for (let r = 0; r < rounds; r++) {
    await Promise.all(
      desks.map(async (d) => {
        try {
          let t = now();
          await post(env, '/api/v1/sync/push', d.token, {
            device_id: d.deviceId,
            batch: collectionOps(product, suppliers, 20),
          });
          latencies.push(now() - t);
          t = now();
          await post(env, '/api/v1/sync/pull', d.token, {
            device_id: d.deviceId,
            limit: 200,
            cursor: String(Math.max(0, 1e9)),
          });
          latencies.push(now() - t);
          t = now();
          await fetch(`${env.serverUrl}/api/v1/health`);
          health.push(now() - t);
        } catch {
          errors += 1;
        }
      }),
    );
  }
  clearInterval(sampler);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  return {
    serverRss: peak,
    figures: [
      {
        id: '5a',
        name: `${desksCount} desks syncing: p50`,
        value: ms(p50),
        unit: 'ms',
        baseline: ms(percentile(health, 50)),
        baselineName: '/health, same load',
        ratio: percentile(health, 50) / p50,
        target: '—',
        met: null,
      },
      {
        id: '5b',
        name: `${desksCount} desks syncing: p99`,
        value: ms(p99),
        unit: 'ms',
        baseline: ms(percentile(health, 99)),
        baselineName: '/health, same load',
        ratio: percentile(health, 99) / p99,
        target: '—',
        met: null,
      },
      {
        id: '5c',
        name: `${desksCount} desks syncing: errors`,
        value: errors,
        unit: '',
        baseline: 0,
        baselineName: 'none allowed',
        ratio: errors === 0 ? 1 : 0,
        target: '= 0',
        met: errors === 0,
      },
    ],
  };
}

/** Figure 7: 100 changes pushed by desk A reach desk B by the live channel. Raw: one pull round trip. */
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

export async function incremental(env: BenchEnv): Promise<Figure[]> {
  const a = await desk(env, 'live-a');
  const b = await desk(env, 'live-b');
  const elapsed = await liveSpread(a, b);
  const t = now();
  await b.engine.sync('manual');
  const roundTrip = now() - t;
  await a.close();
  await b.close();
  return [
    {
      id: '7',
      name: '100 changes A → B by live channel',
      value: ms(elapsed),
      unit: 'ms',
      baseline: ms(roundTrip),
      baselineName: 'one empty sync round trip',
      ratio: roundTrip / elapsed,
      target: '< 1000 ms',
      met: elapsed < 1000,
    },
  ];
}

export function memoryFigures(deskAfterPull: number, deskAfterStatement: number, serverRss: number): Figure[] {
  const f = (id: string, name: string, v: number): Figure => ({
    id,
    name,
    value: v,
    unit: 'MB',
    baseline: 300,
    baselineName: 'target',
    ratio: 300 / Math.max(1, v),
    target: '< 300 MB',
    met: v < 300,
  });
  return [
    f('6a', 'Desk RSS after initial pull (bench process)', deskAfterPull),
    f('6b', 'Desk RSS after a 10,000-line statement (bench process)', deskAfterStatement),
    f('6c', 'Server RSS under figure 5 load (peak)', serverRss),
  ];
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'collectpay-bench-'));
}
