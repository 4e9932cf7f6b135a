import { join } from 'node:path';
import { amountMinor, newId } from '../../shared';
import { MemorySecretStore } from '../../app/main/core/auth/secret-store';
import { createCore } from '../../app/main/core/create-core';
import { renderReport } from '../../app/main/core/reports/reports';
import { runDeskProcess } from '../desk-process';
import { ms, type BenchEnv, type BenchState } from '../env';
import type { BenchFigure } from '../figure';
import { now, percentile, type Figure } from '../lib';

/** Figure 6b's measure: the desk's own process prints the statement from the same file (bench/desk-statement.ts). */
async function deskStatementMemory(file: string, supplierUuid: string, from: string, to: string) {
  const { opened, after, peak } = await runDeskProcess<{ opened: number; after: number; peak: number }>(
    'bench/desk-statement.ts',
    [file, supplierUuid, from, to],
  );
  return { opened, rss: after, peak };
}

/** Figure 4 (+ 6b): reads on a desk holding 10,000 suppliers and 1,000,000 collections. */
async function reads(env: BenchEnv, state: BenchState): Promise<Figure[]> {
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
  await core.close();
  state.rss.afterStatement = await deskStatementMemory(
    join(env.dir, 'reads.sqlite'),
    heavy,
    '2025-12-01',
    '2026-12-31',
  );
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
  // The statement's goal is a ratio: at most 2× the bare SELECT of the same lines.
  const statementFigure = {
    ...f('4c', 'Statement of 10,000 lines (data + paged HTML)', statement, rawStatement, 'bare SELECT'),
    target: '≥ 0.50 (≤ 2×)',
    met: rawStatement / statement >= 0.5,
  };
  return [
    f('4a', 'Supplier filter over 10,000', filter, rawFilter, 'bare LIKE query'),
    f('4b', `Balance of one supplier (${collections} collections)`, balance, rawBalance, 'bare SUM'),
    statementFigure,
  ];
}

export const readsFigure: BenchFigure = {
  id: '4a',
  name: 'Reads on a large desk',
  unit: 'ms',
  target: '< 50 ms',
  step: 'reads',
  run: reads,
};
