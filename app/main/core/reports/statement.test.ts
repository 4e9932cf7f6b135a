import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { amountMinor, newId, ReadingsSchema } from '../../../../shared';
import { seedBasics, tempCore } from '../test-support';
import { renderReport } from './reports';
import { reportContext } from './report-test-context';

type TempCore = Awaited<ReturnType<typeof tempCore>>;

const CTX = reportContext({ money: { currency: 'KES', locale: 'en-KE' } });

/** Counts, not times: what a statement asks of SQLite and of the readings schema as its lines grow. */
describe('a statement reads its lines once', () => {
  let core: TempCore;
  const suppliers: Record<'few' | 'many', string> = { few: '', many: '' };

  beforeAll(async () => {
    core = await tempCore();
    const { supplier, product } = await seedBasics(core, 3275);
    const other = await core.suppliers.create({ code: 'S-0002', name: 'Kiprono Langat' });
    suppliers.few = other.uuid;
    suppliers.many = supplier.uuid;
    const t = new Date().toISOString();
    const insert = core.sqlite.prepare(
      "insert into collections (uuid, version, created_at, updated_at, created_by, updated_by, sync_status, supplier_uuid, product_uuid, collected_at, quantity_milli, rate_minor, amount_minor, notes, readings) values (?, 1, ?, ?, 'u', 'u', 'synced', ?, ?, ?, ?, 3275, ?, '', ?)",
    );
    core.sqlite.transaction(() => {
      for (let i = 0; i < 400; i++) {
        const q = 1000 + i;
        const at = new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString();
        const readings = '{"fat":375}';
        insert.run(newId(), t, t, supplier.uuid, product.uuid, at, q, amountMinor(q, 3275), readings);
        if (i < 10) insert.run(newId(), t, t, other.uuid, product.uuid, at, q, amountMinor(q, 3275), readings);
      }
    })();
    for (const uuid of [supplier.uuid, other.uuid])
      await core.payments.create({
        supplier_uuid: uuid,
        amount_minor: 50_000,
        type: 'advance',
        method: 'cash',
        paid_at: '2026-11-03T12:00:00Z',
      });
  }, 60_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await core?.cleanup();
  });

  const statement = (supplierUuid: string) =>
    renderReport(core, { kind: 'statement', supplier_uuid: supplierUuid, from: '2026-11-01', to: '2026-11-30' }, CTX);

  it('reads collections and payments with one query for the lines (plus the opening balance), at any length', async () => {
    const prepare = vi.spyOn(core.sqlite, 'prepare');
    const ledgerQueries = async (supplierUuid: string) => {
      prepare.mockClear();
      const report = await statement(supplierUuid);
      const texts = prepare.mock.calls.map(([text]) => text);
      return { report, reads: texts.filter((text) => /\b(collections|payments)\b/.test(text)) };
    };
    const few = await ledgerQueries(suppliers.few);
    const many = await ledgerQueries(suppliers.many);
    prepare.mockRestore();
    expect(many.report.pages).toBeGreaterThan(few.report.pages);
    // Two sums for the opening balance and one query for every line of the period, collections and payments.
    expect(few.reads.length).toBe(3);
    expect(many.reads.length).toBe(3);
  });

  it('parses the same readings once per statement, not once per line', async () => {
    const parse = vi.spyOn(ReadingsSchema, 'safeParse');
    const report = await statement(suppliers.many);
    const parses = parse.mock.calls.length;
    parse.mockRestore();
    expect(report.html.split('Green tea leaf — fat<br>375').length - 1).toBe(400);
    expect(parses).toBe(1);
  });
});
