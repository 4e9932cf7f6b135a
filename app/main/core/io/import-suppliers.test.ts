import { afterEach, describe, expect, it, vi } from 'vitest';
import { SupplierCreateSchema } from '../../../../shared';
import { tempCore } from '../test-support';
import { importSuppliers } from './import-suppliers';

const csv = (from: number, n: number) =>
  ['code,name,region', ...Array.from({ length: n }, (_, i) => `IMP-${from + i},Supplier ${from + i},Kericho`)].join(
    '\n',
  );

/** How the work of an import grows with its lines (counted, not timed). */
describe('suppliers CSV import cost per line', () => {
  let core: Awaited<ReturnType<typeof tempCore>> | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await core?.cleanup();
  });

  it('runs the shared schema once per line and prepares no statement per line', async () => {
    core = await tempCore();
    const parses = vi.spyOn(SupplierCreateSchema, 'safeParse');
    const prepares = vi.spyOn(core.sqlite, 'prepare');
    const counted = async (from: number, n: number) => {
      parses.mockClear();
      prepares.mockClear();
      expect(await importSuppliers(core!, csv(from, n))).toEqual({ imported: n, rejected: [] });
      return { parses: parses.mock.calls.length, prepares: prepares.mock.calls.length };
    };
    await counted(0, 5); // the first import of a connection prepares its statements
    const small = await counted(100, 50);
    const large = await counted(1_000, 500);
    expect(small.parses).toBe(50);
    expect(large.parses).toBe(500);
    expect(large.prepares).toBe(small.prepares);
  });

  it('still writes each supplier as its row, its audit entry and its outbox op', async () => {
    core = await tempCore();
    await importSuppliers(core, csv(0, 300));
    const count = async (table: 'suppliers' | 'audit' | 'outbox') =>
      (
        await core!.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    expect([await count('suppliers'), await count('audit'), await count('outbox')]).toEqual([300, 300, 300]);
    const op = await core.db
      .selectFrom('outbox')
      .selectAll()
      .where('entity_type', '=', 'suppliers')
      .executeTakeFirstOrThrow();
    const row = await core.suppliers.getByCode('IMP-0');
    const audit = await core.db
      .selectFrom('audit')
      .selectAll()
      .where('entity_uuid', '=', row.uuid)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({ code: 'IMP-0', region: 'Kericho', version: 0 });
    expect(op).toMatchObject({ operation: 'create', base_version: 0, status: 'pending' });
  });
});
