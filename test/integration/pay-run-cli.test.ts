import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../app/main/cli/main';
import { PASSWORD, startOffice } from './desks';

/** The headless pay-run cycle against a real server: charges, credit, run, approve, payout files, payslips. */
describe('headless pay run', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  let dir: string;
  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(['--data-dir', dir, '--server', office.url, ...argv], {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
    });
    return { code, out, err };
  };
  const ok = async (...argv: string[]) => {
    const result = await run(...argv);
    if (result.code !== 0) throw new Error(`${argv.join(' ')} failed: ${result.err}`);
    return result.out;
  };

  beforeAll(async () => {
    office = await startOffice({ orgTimeZone: 'UTC' });
    dir = mkdtempSync(join(tmpdir(), 'collectpay-payrun-cli-'));
  });
  afterAll(async () => {
    await office?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs, shows, approves, exports, imports results and prints payslips', async () => {
    await ok('login', '--email', 'supervisor@example.com', '--password', PASSWORD);
    await ok('supplier', 'add', '--code', 'S1', '--name', 'Amina Njeri', '--region', 'North');
    await ok('supplier', 'add', '--code', 'S2', '--name', 'Baraka Otieno', '--region', 'North');
    expect((await run('supplier', 'payout', '--supplier', 'S2', '--method', 'mobile', '--phone', '0712')).err).toBe(
      '--phone must be in international format: + then the country code and number, e.g. +254712345678\n',
    );
    await ok('supplier', 'payout', '--supplier', 'S2', '--method', 'mobile', '--phone', '+254 712 345 678');
    await ok('product', 'add', '--code', 'TEA', '--name', 'Green tea leaf', '--unit', 'kg');
    await ok('rate', 'set', '--product', 'TEA', '--rate', '30.00', '--from', '2026-01-01');
    await ok(
      'charge',
      'add',
      '--code',
      'MGT',
      '--name',
      'Management fee',
      '--kind',
      'percent',
      '--value',
      '1.5',
      '--from',
      '2026-01-01',
    );
    expect(
      (await run('charge', 'add', '--code', 'TRN', '--name', 'Transport', '--kind', 'per_unit', '--value', '2')).err,
    ).toBe('--product is required for a per-unit charge\n');
    expect(await ok('charge', 'list')).toContain('MGT        Management fee           1.5%');
    await ok(
      'credit',
      'add',
      '--supplier',
      'S1',
      '--kind',
      'loan',
      '--principal',
      '500',
      '--instalment',
      '200',
      '--note',
      'School fees',
      '--date',
      '2026-10-01',
    );
    await ok(
      'collection',
      'add',
      '--supplier',
      'S1',
      '--product',
      'TEA',
      '--qty',
      '100',
      '--at',
      '2026-11-03T08:00:00Z',
    );
    await ok(
      'collection',
      'add',
      '--supplier',
      'S2',
      '--product',
      'TEA',
      '--qty',
      '10',
      '--at',
      '2026-11-04T08:00:00Z',
    );
    await ok('sync');

    const created = JSON.parse(
      await ok('--json', 'settlement', 'create', '--from', '2026-11-01', '--to', '2026-11-15', '--code', 'NOV1'),
    );
    expect(created).toMatchObject({ code: 'NOV1', status: 'draft', totals: { suppliers: 2, gross: 330_000 } });
    expect(created.lines[0]).toEqual({
      supplier_code: 'S1',
      supplier_name: 'Amina Njeri',
      route: 'North',
      gross: 300_000,
      deductions: [
        { kind: 'charge', name: 'Management fee', due: 4_500, amount: 4_500 },
        { kind: 'credit', name: 'School fees', due: 20_000, amount: 20_000 },
      ],
      net: 275_500,
      carried_forward: 0,
      credit_remaining: 30_000,
      payout_reference: 'NOV1-S1',
      payout_status: 'pending',
    });
    const shown = JSON.parse(await ok('--json', 'settlement', 'show', created.uuid));
    expect(shown).toEqual(created);
    expect((await run('settlement', 'export', 'NOV1', '--format', 'mobile', '--out', join(dir, 'x.csv'))).err).toBe(
      'Run NOV1 is still a draft; approve it before paying it\n',
    );
    expect(await ok('settlement', 'approve', 'NOV1')).toContain('is now closed for its 2 suppliers');

    const csv = join(dir, 'mobile.csv');
    expect(await ok('settlement', 'export', 'NOV1', '--format', 'mobile', '--out', csv)).toContain('1 payment(s)');
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toEqual([
      'phone,amount,reference',
      '+254712345678,295.50,NOV1-S2',
    ]);
    const results = join(dir, 'results.csv');
    writeFileSync(results, 'reference,status,provider_reference,message\nNOV1-S2,failed,,Number not registered\n');
    expect(await ok('settlement', 'import-result', 'NOV1', results)).toContain('0 line(s) paid, 1 failed');

    const pdf = join(dir, 'payslips.pdf');
    expect(await ok('report', 'payslips', '--settlement', 'NOV1', '--out', pdf)).toContain('2 payslip(s), 2 page(s)');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);
});
