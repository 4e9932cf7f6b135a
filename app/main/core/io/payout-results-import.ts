import { parse } from 'csv-parse/sync';
import { fieldErrorsOf, PayoutResultRowSchema, type PayoutResultRow } from '../../../../shared';

interface PayoutResultProblem {
  /** 1-based line number in the file, counting the header. */
  line: number;
  reasons: Record<string, string>;
}

export type PayoutResultsRead =
  { ok: true; results: (PayoutResultRow & { line: number })[] } | { ok: false; rejected: PayoutResultProblem[] };

const REQUIRED = ['reference', 'status'];
const KNOWN = [...REQUIRED, 'provider_reference', 'message'];

/**
 * Reads a payout result file (columns reference, status paid|failed, provider_reference, message; other columns
 * a provider adds are ignored). Every row is checked against the schema and against the run's references; if any
 * row is wrong, every problem is returned with its line and field and nothing is to be applied.
 */
export function readPayoutResults(text: string, runReferences: Iterable<string>): PayoutResultsRead {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_')),
      skip_empty_lines: true,
      bom: true,
      info: true,
    });
  } catch (error) {
    return { ok: false, rejected: [{ line: 0, reasons: { file: `is not valid CSV: ${(error as Error).message}` } }] };
  }
  if (records.length === 0) return { ok: false, rejected: [{ line: 1, reasons: { file: 'has no result rows' } }] };
  const header = Object.keys(records[0]!.record);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length)
    return { ok: false, rejected: [{ line: 1, reasons: { header: `needs the column(s): ${missing.join(', ')}` } }] };
  const known = new Set(runReferences);
  const seen = new Map<string, number>();
  const results: (PayoutResultRow & { line: number })[] = [];
  const rejected: PayoutResultProblem[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const input = Object.fromEntries(KNOWN.filter((k) => k in record).map((k) => [k, record[k]]));
    const parsed = PayoutResultRowSchema.safeParse(input);
    if (!parsed.success) {
      rejected.push({ line, reasons: fieldErrorsOf(parsed.error, input) });
      continue;
    }
    const row = parsed.data as PayoutResultRow;
    if (!known.has(row.reference)) {
      rejected.push({ line, reasons: { reference: `matches no line of this run: ${row.reference}` } });
      continue;
    }
    const first = seen.get(row.reference);
    if (first !== undefined) {
      rejected.push({ line, reasons: { reference: `repeats the reference of line ${first}` } });
      continue;
    }
    seen.set(row.reference, line);
    results.push({ ...row, line });
  }
  return rejected.length ? { ok: false, rejected } : { ok: true, results };
}
