import { parse } from 'csv-parse/sync';
import { fieldErrorsOf, SupplierCreateSchema, type ParsedCreateOf, type suppliers } from '../../../../shared';

export interface RejectedRow {
  /** 1-based line number in the file, counting the header. */
  line: number;
  reasons: Record<string, string>;
}

export interface ParsedImport {
  rows: { line: number; data: ParsedCreateOf<typeof suppliers> }[];
  rejected: RejectedRow[];
}

const COLUMNS = ['code', 'name', 'phone', 'address', 'region', 'notes', 'active'] as const;

/**
 * Reads a suppliers CSV (header row; columns code,name and optionally phone,address,region,notes,active) and
 * validates every row with the same schema the app uses, collecting every rejection with its reasons.
 */
export function parseSuppliersCsv(text: string): ParsedImport {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    return { rows: [], rejected: [{ line: 0, reasons: { file: `is not valid CSV: ${(error as Error).message}` } }] };
  }
  const result: ParsedImport = { rows: [], rejected: [] };
  const header = Object.keys(records[0] ?? {});
  const unknown = header.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  if (records.length > 0 && (!header.includes('code') || !header.includes('name'))) {
    return { rows: [], rejected: [{ line: 1, reasons: { header: 'needs at least the columns code and name' } }] };
  }
  if (unknown.length)
    return { rows: [], rejected: [{ line: 1, reasons: { header: `has unknown column(s): ${unknown.join(', ')}` } }] };
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const line = index + 2;
    const input: Record<string, unknown> = { ...record };
    if ('active' in input) {
      const flag = String(input.active).toLowerCase();
      input.active = ['', 'yes', 'true', '1', 'y'].includes(flag)
        ? true
        : ['no', 'false', '0', 'n'].includes(flag)
          ? false
          : input.active;
    }
    const parsed = SupplierCreateSchema.safeParse(input);
    if (!parsed.success) {
      result.rejected.push({ line, reasons: fieldErrorsOf(parsed.error, input) });
      return;
    }
    const key = parsed.data.code.toLowerCase();
    if (seen.has(key)) {
      result.rejected.push({ line, reasons: { code: `repeats the code of line ${seen.get(key)}` } });
      return;
    }
    seen.set(key, line);
    result.rows.push({ line, data: parsed.data });
  });
  return result;
}
