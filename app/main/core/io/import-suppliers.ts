import { codeKey, isAppError } from '../../../../shared';
import { findHolders } from '../domain/by-code';
import type { Core } from '../create-core';
import { parseSuppliersCsv, type RejectedRow } from './suppliers-csv';

export interface ImportReport {
  imported: number;
  rejected: RejectedRow[];
}

/**
 * Imports suppliers from CSV: every row is checked first (schema, repeated codes, codes already on this
 * desk); if any row is rejected nothing is imported, and the report lists each rejected line and why.
 */
export async function importSuppliers(core: Core, text: string): Promise<ImportReport> {
  const parsed = parseSuppliersCsv(text);
  const rejected = [...parsed.rejected];
  // One indexed query per 500 codes (migration 0020), not one per line.
  const holders = await findHolders(
    core.db,
    'suppliers',
    'code',
    parsed.rows.map((r) => r.data.code),
  );
  for (const row of parsed.rows) {
    const clash = holders.get(codeKey(row.data.code));
    if (clash)
      rejected.push({ line: row.line, reasons: { code: `is already used by supplier "${String(clash.name)}"` } });
  }
  if (rejected.length > 0) return { imported: 0, rejected: rejected.sort((a, b) => a.line - b.line) };
  let imported = 0;
  try {
    // One transaction for the whole file: a crash half way leaves no half import.
    // Each line was parsed above, to report it: written as parsed.
    await core.suppliers.createManyParsed(parsed.rows.map((r) => r.data));
    imported = parsed.rows.length;
  } catch (error) {
    if (isAppError(error))
      return { imported: 0, rejected: [{ line: 0, reasons: error.fields ?? { file: error.message } }] };
    throw error;
  }
  return { imported, rejected: [] };
}
