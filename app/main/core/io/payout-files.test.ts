import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SupplierPayoutDetailsSchema, type SupplierPayoutDetails } from '../../../../shared';
import { payoutCsv, payoutReference, type PayoutLine } from './payout-files';
import { readPayoutResults } from './payout-results-import';

const sid = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
const line = (n: number, net: number, extra: Partial<PayoutLine> = {}): PayoutLine => ({
  supplier_uuid: sid(n),
  supplier_code: `S-${n}`,
  supplier_name: `Supplier ${n}`,
  route: n % 2 ? 'B' : 'A',
  net_minor: net,
  ...extra,
});
const details = (input: object): SupplierPayoutDetails => SupplierPayoutDetailsSchema.parse(input);

const RUN = {
  code: '2026-11',
  lines: [
    line(1, 1_672_382),
    line(2, 1_345_509),
    line(3, 0),
    line(4, 5),
    line(5, 250_000, { payout_status: 'paid' }),
    line(6, 99_999),
    line(7, 120_000_050),
  ],
};
const DETAILS = new Map<string, SupplierPayoutDetails>([
  [sid(1), details({ payout_method: 'bank', bank_account_number: '0123 4567 89', bank_code: 'kcb01' })],
  [sid(2), details({ payout_method: 'mobile', mobile_phone: '+254 712 345 678' })],
  [sid(3), details({ payout_method: 'mobile', mobile_phone: '+254700000003' })],
  [sid(4), details({ payout_method: 'mobile', mobile_phone: '+256772000004' })],
  [sid(5), details({ payout_method: 'bank', bank_account_number: '55555', bank_code: 'EQB' })],
  [
    sid(7),
    details({
      payout_method: 'bank',
      bank_account_name: '=Chebet & Sons',
      bank_account_number: 'GB82WEST12345698765432',
      bank_code: 'WESTGB2L',
    }),
  ],
]);

describe('payout files', () => {
  it('bank bulk transfer: name, account, bank code, amount as a decimal string, reference; route/code order', () => {
    const file = payoutCsv('bank', { run: RUN, details: DETAILS, currency: 'KES' });
    expect(parse(file.csv, { columns: true })).toEqual([
      { name: 'Supplier 1', account: '0123456789', bank_code: 'KCB01', amount: '16723.82', reference: '2026-11-S-1' },
      {
        name: "'=Chebet & Sons",
        account: 'GB82WEST12345698765432',
        bank_code: 'WESTGB2L',
        amount: '1200000.50',
        reference: '2026-11-S-7',
      },
    ]);
    expect(file).toMatchObject({ lines: 2, total_minor: 121_672_432 });
    expect(file.skipped).toEqual([
      { supplier_code: 'S-2', reason: 'is paid by mobile money' },
      { supplier_code: 'S-4', reason: 'is paid by mobile money' },
      { supplier_code: 'S-6', reason: 'has no payout method (cash)' },
    ]);
  });

  it('mobile money bulk: phone in international format, amount, reference; nothing to pay is left out', () => {
    const file = payoutCsv('mobile', { run: RUN, details: DETAILS, currency: 'KES' });
    expect(file.csv.split('\n').slice(0, 3)).toEqual([
      'phone,amount,reference',
      '+254712345678,13455.09,2026-11-S-2',
      '+256772000004,0.05,2026-11-S-4',
    ]);
    expect(file.lines).toBe(2);
    expect(payoutCsv('mobile', { run: RUN, details: DETAILS, currency: 'UGX' }).csv).toContain('+256772000004,5,');
  });

  it('uses a stored line reference and refuses two lines with one reference', () => {
    const run = { code: 'R', lines: [line(1, 10, { payout_reference: 'CUSTOM-1' })] };
    expect(payoutCsv('bank', { run, details: DETAILS, currency: 'USD' }).csv).toContain('CUSTOM-1');
    const twice = { code: 'R', lines: [line(1, 10), { ...line(1, 20), supplier_uuid: sid(1) }] };
    expect(() => payoutCsv('bank', { run: twice, details: DETAILS, currency: 'USD' })).toThrow(
      'share the payout reference R-S-1',
    );
  });
});

describe('payout result import', () => {
  const refs = RUN.lines.map((l) => payoutReference(RUN.code, l.supplier_code));

  it('reads paid and failed lines, ignoring columns a provider adds', () => {
    const text =
      'Reference,Status,Provider Reference,Message,Amount\n2026-11-S-1,PAID,FT26334XK,,16723.82\n2026-11-S-2,failed,,Number not registered,13455.09\n';
    expect(readPayoutResults(text, refs)).toEqual({
      ok: true,
      results: [
        { line: 2, reference: '2026-11-S-1', status: 'paid', provider_reference: 'FT26334XK', message: '' },
        {
          line: 3,
          reference: '2026-11-S-2',
          status: 'failed',
          provider_reference: '',
          message: 'Number not registered',
        },
      ],
    });
  });

  it('reports every bad row with its line and field, and offers nothing to apply', () => {
    const text = [
      'reference,status,provider_reference,message',
      '2026-11-S-1,paid,FT1,',
      '2026-11-S-9,paid,FT2,',
      '2026-11-S-2,done,,',
      '2026-11-S-4,paid,,',
      '2026-11-S-1,failed,,Duplicate',
      ',paid,FT3,',
    ].join('\n');
    expect(readPayoutResults(text, refs)).toEqual({
      ok: false,
      rejected: [
        { line: 3, reasons: { reference: 'matches no line of this run: 2026-11-S-9' } },
        { line: 4, reasons: { status: 'must be paid or failed' } },
        { line: 5, reasons: { provider_reference: 'is required for a paid line' } },
        { line: 6, reasons: { reference: 'repeats the reference of line 2' } },
        { line: 7, reasons: { reference: 'is required' } },
      ],
    });
  });

  it('refuses a file that is not CSV, has no rows or lacks a column', () => {
    expect(readPayoutResults('reference,status\n"unclosed,paid\n', refs)).toMatchObject({
      ok: false,
      rejected: [{ line: 0 }],
    });
    expect(readPayoutResults('reference,status\n', refs)).toEqual({
      ok: false,
      rejected: [{ line: 1, reasons: { file: 'has no result rows' } }],
    });
    expect(readPayoutResults('ref,state\nx,paid\n', refs)).toEqual({
      ok: false,
      rejected: [{ line: 1, reasons: { header: 'needs the column(s): reference, status' } }],
    });
  });
});
