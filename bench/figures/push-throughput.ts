import { createConnection, type Connection } from 'mysql2/promise';
import { amountMinor, ROUTES } from '../../shared';
import { collectionOps, concurrentPushRate, login, post, reference, ts, type BenchEnv } from '../env';
import type { BenchFigure } from '../figure';
import { now, type Figure } from '../lib';
import { pushFloorRate, readStoredPush } from './push-floor';

/** Figure 1: server push throughput vs bare batched INSERTs through mysql2, one transaction per batch. */
async function pushThroughput(env: BenchEnv): Promise<Figure[]> {
  const batches = env.quick ? 10 : 60;
  const desks = env.quick ? 5 : 20;
  const one = await login(env);
  const { product, suppliers } = await reference(env, one.token, one.deviceId, 200);

  // One batch first, untimed: the timed ones then meet a warm server (code compiled, pages cached), as the
  // baseline's INSERTs meet a warm MariaDB.
  await post(env, ROUTES.push, one.token, { device_id: one.deviceId, batch: collectionOps(product, suppliers, 100) });
  let start = now();
  for (let b = 0; b < batches; b++) {
    const res = await post(env, ROUTES.push, one.token, {
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

  // The floor: the very rows the pushes above stored (row, audit entry, stored answer) and the clock update, as bare
  // batched INSERTs — what any push that keeps idempotent replay and an audit trail must write.
  const stored = await readStoredPush(env);
  const floorSingle = await pushFloorRate(env, stored, 1, batches, 0, 'one');
  const floorConcurrent = await pushFloorRate(env, stored, desks, perDesk, batches * 100, 'many');
  const ofFloor = (rate: number, floor: number) => `push is ${(rate / floor).toFixed(2)} of this floor`;
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
    {
      id: '1d',
      name: 'Push storage floor, 1 desk (rows a push stores, bare INSERTs)',
      value: Math.round(floorSingle),
      unit: 'ops/s',
      baseline: Math.round(rawSingle),
      baselineName: 'bare batched INSERT',
      ratio: floorSingle / rawSingle,
      target: '—',
      met: null,
      notes: ofFloor(single, floorSingle),
    },
    {
      id: '1e',
      name: `Push storage floor, ${desks} desks (rows a push stores, bare INSERTs)`,
      value: Math.round(floorConcurrent),
      unit: 'ops/s',
      baseline: Math.round(rawConcurrent),
      baselineName: 'bare batched INSERT',
      ratio: floorConcurrent / rawConcurrent,
      target: '—',
      met: null,
      notes: ofFloor(concurrent, floorConcurrent),
    },
  ];
}

export const pushThroughputFigure: BenchFigure = {
  id: '1a',
  name: 'Push throughput (server)',
  unit: 'ops/s',
  target: '≥ 0.50',
  step: 'push throughput',
  run: (env) => pushThroughput(env),
};
