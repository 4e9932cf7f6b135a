import type { EntityRow } from './registry';
import type { CarriedItem, CreditBalance, Deduction, GrossLine, SettlementLine } from './settlement-lines';

/** The list fields of a run line as its stored row holds them: JSON text. */
export interface EncodedLineLists {
  gross_lines_json: string;
  deductions_json: string;
  carried_forward_json: string;
  credits_json: string;
}

type LineFigures = Omit<SettlementLine, 'gross_lines' | 'deductions' | 'carried_forward' | 'credits'>;

export function encodeSettlementLine(line: SettlementLine): LineFigures & EncodedLineLists {
  const { gross_lines, deductions, carried_forward, credits, ...figures } = line;
  return {
    ...figures,
    gross_lines_json: JSON.stringify(gross_lines),
    deductions_json: JSON.stringify(deductions),
    carried_forward_json: JSON.stringify(carried_forward),
    credits_json: JSON.stringify(credits),
  };
}

/** The engine's line back from a stored row (the row schema checked the JSON when the row was written). */
export function decodeSettlementLine(row: LineFigures & EncodedLineLists): SettlementLine {
  return {
    supplier_uuid: row.supplier_uuid,
    supplier_code: row.supplier_code,
    supplier_name: row.supplier_name,
    route: row.route,
    gross_minor: row.gross_minor,
    gross_lines: JSON.parse(row.gross_lines_json) as GrossLine[],
    deductions: JSON.parse(row.deductions_json) as Deduction[],
    deductions_minor: row.deductions_minor,
    net_minor: row.net_minor,
    carried_forward: JSON.parse(row.carried_forward_json) as CarriedItem[],
    carried_forward_minor: row.carried_forward_minor,
    credits: JSON.parse(row.credits_json) as CreditBalance[],
    credit_remaining_minor: row.credit_remaining_minor,
  };
}

export type SettlementRunRow = EntityRow<'settlement_runs'>;
export type SettlementLineRow = EntityRow<'settlement_lines'>;
