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
    expect(JSON.parse(await ok('--json', 'charge', 'list'))).toEqual([
      expect.objectContaining({ code: 'MGT', kind: 'percent', value: '1.5' }),
    ]);
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
    expect(JSON.parse(await ok('--json', 'credit', 'list', '--supplier', 'S1'))).toEqual([
      expect.objectContaining({ kind: 'loan', principal: '500.00', instalment: '200.00', remaining: '500.00' }),
    ]);
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
    // Money in JSON is a decimal string in the currency's minor digits, never a float.
    expect(created).toMatchObject({
      code: 'NOV1',
      kind: 'regular',
      status: 'draft',
      totals: { suppliers: 2, gross: '3300.00', net: '3050.50', deductions: '249.50' },
    });
    expect(created.lines[0]).toEqual({
      supplier_code: 'S1',
      supplier_name: 'Amina Njeri',
      route: 'North',
      gross_lines: [{ product_code: 'TEA', entries: 1, quantity: '100.000', rate: '30.00', amount: '3000.00' }],
      gross: '3000.00',
      deductions: [
        { kind: 'charge', name: 'Management fee', due: '45.00', amount: '45.00' },
        { kind: 'credit', name: 'School fees', due: '200.00', amount: '200.00' },
      ],
      net: '2755.00',
      carried_forward: '0.00',
      credit_remaining: '300.00',
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

  it('starts a second payment per unit over a past period, with the rates named on the command line', async () => {
    const bonus = (...rates: string[]) =>
      run(
        '--json',
        'settlement',
        'create',
        '--kind',
        'bonus',
        '--from',
        '2026-11-01',
        '--to',
        '2026-11-15',
        '--code',
        'B1',
        ...rates.flatMap((r) => ['--rate', r]),
      );
    expect((await bonus()).err).toBe(
      '--rate is required for a second payment: --rate PRODUCTCODE=0.50 (one per product)\n',
    );
    expect((await bonus('TEA')).err).toBe('--rate "TEA" must be PRODUCTCODE=AMOUNT, e.g. TEA=0.50\n');
    expect((await bonus('TEA=0.505')).err).toBe('--rate for TEA allows at most 2 decimal places\n');
    expect((await bonus('TEA=0')).err).toBe('--rate for TEA must be more than zero\n');
    expect((await bonus('TEA=1', 'TEA=2')).err).toBe('--rate names TEA twice\n');
    expect((await bonus('XX=1')).err).toContain('XX');
    expect(
      (await run('settlement', 'create', '--from', '2026-11-01', '--to', '2026-11-15', '--rate', 'TEA=1')).err,
    ).toBe('--rate is for a second payment only (--kind bonus)\n');

    const created = JSON.parse((await bonus('TEA=0.50')).out);
    // 100 kg × 0.50 and 10 kg × 0.50; the management fee (1.5 %) is active in the period, so it comes off too.
    expect(created).toMatchObject({
      code: 'B1',
      kind: 'bonus',
      status: 'draft',
      totals: { suppliers: 2, gross: '55.00' },
    });
    expect(created.lines[0]).toMatchObject({
      supplier_code: 'S1',
      gross_lines: [{ product_code: 'TEA', quantity: '100.000', rate: '0.50', amount: '50.00' }],
      gross: '50.00',
    });
    expect(await ok('settlement', 'show', 'B1')).toContain('B1 ');
    expect(await ok('settlement', 'approve', 'B1')).toBe(
      'Approved B1: a second payment to 2 suppliers, ready to pay (it closes no period).\n',
    );
    const pdf = join(dir, 'bonus.pdf');
    expect(await ok('report', 'payslips', '--settlement', 'B1', '--out', pdf)).toContain('2 payslip(s)');
    // The rate of a regular price still takes one value.
    await ok('rate', 'set', '--product', 'TEA', '--rate', '31.00', '--from', '2026-12-01');
  }, 120_000);
});
