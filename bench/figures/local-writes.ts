import { join } from 'node:path';
import { newId } from '../../shared';
import { MemorySecretStore } from '../../app/main/core/auth/secret-store';
import { createCore } from '../../app/main/core/create-core';
import { openSqlite } from '../../app/main/core/db/connection';
import { ms, type BenchEnv } from '../env';
import type { BenchFigure } from '../figure';
import { now, percentile, type Figure } from '../lib';

/** Figure 3: recording a payment through the core (row + audit + outbox, synchronous=FULL) vs a bare INSERT. */
async function localWrites(env: BenchEnv): Promise<Figure[]> {
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
      // p50 at most 1.5× the bare INSERT's (ratio ≥ 0.67), p99 at most 2× (ratio ≥ 0.5).
      target: '≥ 0.67 (≤ 1.5×)',
      met: r50 / p50 >= 1 / 1.5,
    },
    {
      id: '3b',
      name: `Local payment write p99 (${n})`,
      value: ms(p99),
      unit: 'ms',
      baseline: ms(r99),
      baselineName: 'bare INSERT, FULL',
      ratio: r99 / p99,
      target: '≥ 0.50 (≤ 2×)',
      met: r99 / p99 >= 0.5,
    },
  ];
}

export const localWritesFigure: BenchFigure = {
  id: '3a',
  name: 'Local payment write',
  unit: 'ms',
  target: '≥ 0.67 (≤ 1.5×)',
  step: 'local writes',
  run: (env) => localWrites(env),
};
