import { stringify } from 'csv-stringify/sync';
import {
  AppError,
  currencyScale,
  lineOrder,
  payoutReference,
  toDecimalString,
  type PayoutStatus,
  type SettlementLine,
  type SupplierPayoutDetails,
} from '../../../../shared';

export type PayoutFormat = 'bank' | 'mobile';

/** A run line as payout files need it; stored lines (part B) also know their reference and payout status. */
export type PayoutLine = Pick<
  SettlementLine,
  'supplier_uuid' | 'supplier_code' | 'supplier_name' | 'route' | 'net_minor'
> & {
  payout_reference?: string;
  payout_status?: PayoutStatus;
};

export interface PayoutFileInput {
  run: { code: string; lines: PayoutLine[] };
  /** Payout details by supplier uuid (validated with SupplierPayoutDetailsSchema). */
  details: ReadonlyMap<string, SupplierPayoutDetails>;
  currency: string;
}

export interface PayoutFile {
  csv: string;
  lines: number;
  /** Control total of the file, in minor units. */
  total_minor: number;
  /** Lines with money to pay that are not in this file, and why. */
  skipped: { supplier_code: string; reason: string }[];
}

export { payoutReference };

/** Spreadsheets run cells starting with = + - @ as formulas; a name never needs to. */
function plainText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const COLUMNS: Record<PayoutFormat, string[]> = {
  bank: ['name', 'account', 'bank_code', 'amount', 'reference'],
  mobile: ['phone', 'amount', 'reference'],
};

const METHOD_NAMES = {
  none: 'has no payout method (cash)',
  bank: 'is paid by bank',
  mobile: 'is paid by mobile money',
};

/**
 * A bulk-transfer file of the lines still to pay (net above zero, not already paid) whose supplier is paid by
 * this method, in route/code order; amounts as decimal strings in the currency's minor digits.
 */
export function payoutCsv(format: PayoutFormat, input: PayoutFileInput): PayoutFile {
  const scale = currencyScale(input.currency);
  const records: string[][] = [];
  const skipped: PayoutFile['skipped'] = [];
  const references = new Set<string>();
  let total = 0;
  for (const line of [...input.run.lines].sort(lineOrder)) {
    if (line.net_minor <= 0 || line.payout_status === 'paid') continue;
    const details = input.details.get(line.supplier_uuid);
    const method = details?.payout_method ?? 'none';
    if (!details || method !== format) {
      skipped.push({ supplier_code: line.supplier_code, reason: METHOD_NAMES[method] });
      continue;
    }
    const reference = line.payout_reference || payoutReference(input.run.code, line.supplier_code);
    if (references.has(reference))
      throw new AppError('VALIDATION_FAILED', `Two lines share the payout reference ${reference}`);
    references.add(reference);
    const amount = toDecimalString(line.net_minor, scale);
    records.push(
      format === 'bank'
        ? [
            plainText(details.bank_account_name || line.supplier_name),
            details.bank_account_number,
            details.bank_code,
            amount,
            reference,
          ]
        : [details.mobile_phone, amount, reference],
    );
    total += line.net_minor;
  }
  return {
    csv: stringify(records, { header: true, columns: COLUMNS[format] }),
    lines: records.length,
    total_minor: total,
    skipped,
  };
}
