import { join } from 'node:path';
import { newId } from '../../shared';
import { MemorySecretStore } from '../../app/main/core/auth/secret-store';
import { createCore } from '../../app/main/core/create-core';
import { openSqlite } from '../../app/main/core/db/connection';
import { importSuppliers } from '../../app/main/core/io/import-suppliers';
import { ms, type BenchEnv } from '../env';
import type { BenchFigure } from '../figure';
import { now, type Figure, growthFigure } from '../lib';

const csvImportSizes = (quick: boolean) => (quick ? [1_000, 2_000, 4_000] : [5_000, 10_000, 20_000]);

function suppliersCsv(n: number): string {
  const lines = ['code,name,phone,region'];
  for (let i = 0; i < n; i++) lines.push(`IMP-${i},Imported supplier ${i},0700${String(i).padStart(6, '0')},Kericho`);
  return lines.join('\n');
}

/** ms to import `n` suppliers from CSV on a fresh desk that already holds 1,000 (so the code check has work). */
async function importMs(env: BenchEnv, n: number): Promise<number> {
  const core = await createCore({
    filename: join(env.dir, `import-${n}-${newId().slice(-6)}.sqlite`),
    secrets: new MemorySecretStore(),
    session: { userId: 'bench', role: 'supervisor' },
  });
  try {
    await core.suppliers.createMany(Array.from({ length: 1_000 }, (_, i) => ({ code: `OLD-${i}`, name: `Old ${i}` })));
    const text = suppliersCsv(n);
    const t = now();
    const report = await importSuppliers(core, text);
    const elapsed = now() - t;
    if (report.imported !== n)
      throw new Error(`imported ${report.imported} of ${n}: ${JSON.stringify(report.rejected[0])}`);
    return elapsed;
  } finally {
    await core.close();
  }
}

/** The same rows as bare prepared INSERTs into a one-table SQLite file, in one transaction: ms. */
function rawImportMs(env: BenchEnv, n: number): number {
  const raw = openSqlite(join(env.dir, `raw-import-${n}.sqlite`));
  try {
    raw.exec('create table suppliers (uuid text primary key, code text, name text, phone text, region text)');
    const insert = raw.prepare('insert into suppliers values (?, ?, ?, ?, ?)');
    const t = now();
    raw.transaction(() => {
      for (let i = 0; i < n; i++)
        insert.run(newId(), `IMP-${i}`, `Imported supplier ${i}`, `0700${String(i).padStart(6, '0')}`, 'Kericho');
    })();
    return now() - t;
  } finally {
    raw.close();
  }
}

/**
 * Figures 9a–c: a CSV import of suppliers through the core (parse, validate, code check, row + audit + outbox
 * per supplier, one transaction) at three sizes; raw: bare prepared INSERTs of the same rows. 9d: linearity.
 */
async function csvImport(env: BenchEnv): Promise<Figure[]> {
  const sizes = csvImportSizes(env.quick);
  const figures: Figure[] = [];
  const times: number[] = [];
  for (const [i, n] of sizes.entries()) {
    const ours = await importMs(env, n);
    const raw = rawImportMs(env, n);
    times.push(ours);
    const last = i === sizes.length - 1;
    figures.push({
      id: `9${'abc'[i]}`,
      name: `CSV import of ${n.toLocaleString('en')} suppliers`,
      value: ms(ours),
      unit: 'ms',
      baseline: ms(raw),
      baselineName: 'bare prepared INSERT, 1 txn',
      ratio: raw / ours,
      target: last && !env.quick ? '< 2000 ms' : '—',
      met: last && !env.quick ? ours < 2000 : null,
      notes: `${Math.round(n / (ours / 1000))} rows/s`,
    });
  }
  figures.push(growthFigure('9d', `CSV import cost growth, ${sizes[2]} vs ${sizes[0]} suppliers`, times));
  return figures;
}

export const csvImportFigure: BenchFigure = {
  id: '9a',
  name: 'CSV import of suppliers',
  unit: 'ms',
  target: '< 2000 ms',
  step: 'CSV import',
  run: csvImport,
};
