import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../test-support';
import { importSuppliers } from './import-suppliers';
import { parseSuppliersCsv } from './suppliers-csv';

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe('suppliers CSV import', () => {
  let core: Awaited<ReturnType<typeof tempCore>> | undefined;
  afterEach(async () => core?.cleanup());

  it('imports every row, or nothing, and reports each rejected line with its reasons', async () => {
    core = await tempCore();
    await core.suppliers.create({ code: 'S-9', name: 'Existing' });
    const bad =
      'code,name,phone,active\nS-1,Amina Njeri,0700,yes\n,No code,,\nS-1,Duplicate,,\nS-9,Clash,,\nS-4,Too long phone,' +
      '9'.repeat(41) +
      ',\nS-5,Weird flag,,perhaps\n';
    const report = await importSuppliers(core, bad);
    expect(report.imported).toBe(0);
    expect(report.rejected).toEqual([
      { line: 3, reasons: { code: 'is required' } },
      { line: 4, reasons: { code: 'repeats the code of line 2' } },
      { line: 5, reasons: { code: 'is already used by supplier "Existing"' } },
      { line: 6, reasons: { phone: 'must be at most 40 characters' } },
      { line: 7, reasons: { active: 'must be true or false' } },
    ]);
    expect((await core.suppliers.list({ includeInactive: true })).total).toBe(1);
    const good = await importSuppliers(
      core,
      'code,name,region,active\nS-1,Amina,Kericho,yes\nS-2,"Langat, Kiprono",Bomet,no\n',
    );
    expect(good).toEqual({ imported: 2, rejected: [] });
    expect((await core.suppliers.getByCode('S-2')).name).toBe('Langat, Kiprono');
    expect(await core.db.selectFrom('outbox').select('op_id').execute()).toHaveLength(3);
  });

  it('explains a broken file or header', () => {
    expect(parseSuppliersCsv('name\nAmina').rejected[0]).toEqual({
      line: 1,
      reasons: { header: 'needs at least the columns code and name' },
    });
    expect(parseSuppliersCsv('code,name,colour\nS-1,A,red').rejected[0]).toEqual({
      line: 1,
      reasons: { header: 'has unknown column(s): colour' },
    });
    expect(parseSuppliersCsv('code,name\n"S-1,A').rejected[0]!.reasons.file).toMatch(/is not valid CSV/);
  });

  it('never throws on random rows, and every rejection says why', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.string({ maxLength: 40 }),
            fc.string({ maxLength: 140 }),
            fc.string({ maxLength: 50 }),
            fc.constantFrom('', 'yes', 'no', 'maybe'),
          ),
          { maxLength: 20 },
        ),
        (rows) => {
          const text = ['code,name,phone,active', ...rows.map((r) => r.map(quote).join(','))].join('\n');
          const parsed = parseSuppliersCsv(text);
          for (const rejected of parsed.rejected) {
            expect(Object.keys(rejected.reasons).length).toBeGreaterThan(0);
            for (const reason of Object.values(rejected.reasons)) expect(reason.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });
});
