import type { Database } from 'better-sqlite3';
import { formatQuantity, lineWording, voidNote, type RejectionReason, type Shift } from '../../../../shared';
import type { Core } from '../create-core';
import { balanceOf } from '../domain/balances-service';
import { fromStored } from '../db/row-codec';
import { escapeHtml, RowSink, type Cell, type Cells, type DocumentSpec } from './paged-document';
import { bounds, type Period } from './report-data';

/**
 * A supplier statement, read by one query and drawn row by row as SQLite hands the lines over: no ledger
 * objects, no list of lines. It prints what the ledger (`ledger-service.ts`) shows for the same period: the same
 * lines, order and running balance, and the same wording (both word a line by shared `ledger-wording.ts`).
 */

/**
 * The period's collections and payments, in ledger order, as positional rows (`raw`, named by `Col`). Only
 * what the page prints leaves SQLite: the sort key (uuid) stays inside, and text that is almost always empty or
 * the same ('{}' readings, '' notes, the product code of a non-adjustment) comes out as null, not as a new
 * string per line.
 */
const LINES_SQL = `
select kind, at, quantity_milli, unit, rate_minor, amount_minor, name, code, grade, readings, shift,
  rejection_reason, rejection_note, terms, adjusted_at, type, method, reference, voided, void_reason
from (
  select 0 as kind, c.uuid, c.collected_at as at, c.quantity_milli, p.unit, c.rate_minor, c.amount_minor,
    p.name, iif(a.uuid is null, null, p.code) as code, c.grade, nullif(c.readings, '{}') as readings, c.shift,
    c.rejection_reason, nullif(c.rejection_note, '') as rejection_note, r.terms, a.collected_at as adjusted_at,
    null as type, null as method, null as reference, 0 as voided, null as void_reason
  from collections c
    join products p on p.uuid = c.product_uuid
    left join pricing_rules r on r.uuid = c.rule_version_uuid
    left join collections a on a.uuid = c.adjusts_uuid
  where c.supplier_uuid = ? and c.deleted_at is null and c.collected_at >= ? and c.collected_at < ?
  union all
  select 1, y.uuid, y.paid_at, null, null, null, y.amount_minor, null, null, null, null, null, null, null, null,
    a.paid_at, y.type, y.method, y.reference, coalesce(y.voided_at, '') <> '', y.void_reason
  from payments y
    left join payments a on a.uuid = y.adjusts_uuid
  where y.supplier_uuid = ? and y.deleted_at is null and y.paid_at >= ? and y.paid_at < ?
)
order by at, uuid`;

const enum Col {
  Kind,
  At,
  Quantity,
  Unit,
  Rate,
  Amount,
  ProductName,
  ProductCode,
  Grade,
  Readings,
  Shift,
  RejectionReason,
  RejectionNote,
  Terms,
  AdjustedAt,
  PayType,
  Method,
  Reference,
  Voided,
  VoidReason,
}

type Line = unknown[];

/** Each line of the period, in order, one row array at a time. */
function statementLines(sqlite: Database, supplierUuid: string, start: string, end: string) {
  return sqlite
    .prepare(LINES_SQL)
    .raw(true)
    .iterate(supplierUuid, start, end, supplierUuid, start, end) as IterableIterator<Line>;
}

const COLUMNS = [
  { key: 'date', label: 'Date', width: 17 },
  { key: 'entry', label: 'Entry', width: 22, wrap: true },
  { key: 'qty', label: 'Qty', width: 10, align: 'right' as const },
  { key: 'rate', label: 'Rate', width: 10, align: 'right' as const },
  { key: 'debit', label: 'Collected', width: 13, align: 'right' as const },
  { key: 'credit', label: 'Paid', width: 14, align: 'right' as const },
  { key: 'balance', label: 'Balance', width: 14, align: 'right' as const },
];

export interface StatementFormat {
  money: (minor: number) => string;
  /** An instant as the page shows it. */
  when: (iso: string) => string;
  timeZone: string;
}

/** The statement's document: header, every line drawn, carried-forward totals and the closing balance. */
export async function statementDocument(
  core: Core,
  supplierUuid: string,
  period: Period,
  format: StatementFormat,
  base: Pick<DocumentSpec, 'company' | 'printedAt' | 'printedBy' | 'paper'>,
): Promise<{ document: DocumentSpec; supplierCode: string }> {
  const { start, end } = bounds(core, period);
  const stored = await core.db.selectFrom('suppliers').selectAll().where('uuid', '=', supplierUuid).executeTakeFirst();
  if (!stored) throw new Error('Supplier not found');
  const supplier = fromStored('suppliers', stored);
  const { money, when } = format;
  const words = lineWording(format.timeZone);

  const sink = new RowSink(COLUMNS, base.paper);
  // The running totals after each line, formatted only where a page breaks (a few hundred of 10,000).
  const carried = { collected: [] as number[], paid: [] as number[], balance: [] as number[] };
  let collected = 0;
  let paid = 0;
  let count = 0;
  // One cells object, refilled per line: the sink draws it at once and keeps only the HTML.
  const cells: Record<(typeof COLUMNS)[number]['key'], Cell> = {
    date: '',
    entry: '',
    qty: '',
    rate: '',
    debit: '',
    credit: '',
    balance: '',
  };
  // The opening balance and the lines in one transaction on the held connection: the raw iteration below bypasses
  // Kysely, so without it a transaction begun in between (a pull page being applied) could lend the page its
  // uncommitted rows, and the lines could disagree with the opening balance.
  const opening = await core.db.transaction().execute(async (trx) => {
    const opening = (await balanceOf(trx, supplierUuid, start)).balance_minor;
    sink.add({ date: period.from, entry: 'Opening balance', balance: money(opening) });
    let balance = opening;
    for (const line of statementLines(core.sqlite, supplierUuid, start, end)) {
      const at = line[Col.At] as string;
      const adjustedAt = line[Col.AdjustedAt] as string | null;
      cells.date = when(at);
      if (line[Col.Kind] === 0) {
        const amount = line[Col.Amount] as number;
        collected += amount;
        balance += amount;
        cells.entry = words.collection({
          product_name: line[Col.ProductName] as string,
          product_code: line[Col.ProductCode] as string | null,
          adjusted_at: adjustedAt,
          grade: line[Col.Grade] as string | null,
          readings: (line[Col.Readings] as string | null) ?? '{}',
          shift: line[Col.Shift] as Shift | null,
          rejection_reason: line[Col.RejectionReason] as RejectionReason | null,
          rejection_note: (line[Col.RejectionNote] as string | null) ?? '',
          terms: line[Col.Terms] as string | null,
        });
        cells.qty = `${formatQuantity(line[Col.Quantity] as number)} ${(line[Col.Unit] as string | null) ?? ''}`.trim();
        cells.rate = money(line[Col.Rate] as number);
        cells.debit = money(amount);
        cells.credit = '';
      } else {
        const voided = line[Col.Voided] === 1;
        const stored = line[Col.Amount] as number;
        // As on the ledger: a voided payment stays at zero, showing the amount it had struck through.
        const amount = voided ? 0 : -stored;
        paid -= amount;
        balance += amount;
        const description = words.payment({
          type: line[Col.PayType] as string,
          method: line[Col.Method] as string,
          reference: line[Col.Reference] as string | null,
          adjusted_at: adjustedAt,
        });
        // Every reference typed at the desk reaches paper: the entry wraps, and a void says why.
        cells.entry = voided ? description + voidNote(line[Col.VoidReason] as string | null) : description;
        cells.qty = '';
        cells.rate = '';
        cells.debit = '';
        cells.credit = voided ? { struck: money(-(-stored)) } : money(-amount);
      }
      cells.balance = money(balance);
      sink.add(cells);
      carried.collected.push(collected);
      carried.paid.push(paid);
      carried.balance.push(balance);
      count += 1;
    }
    return opening;
  });

  const carryAt = (i: number): Cells => ({
    entry: 'Carried forward',
    debit: money(i === 0 ? 0 : carried.collected[i - 1]!),
    credit: money(i === 0 ? 0 : carried.paid[i - 1]!),
    balance: money(i === 0 ? opening : carried.balance[i - 1]!),
  });
  const document: DocumentSpec = {
    ...base,
    title: 'Supplier statement',
    subtitle: `${supplier.code} — ${supplier.name}`,
    meta: [`Period ${period.from} to ${period.to}`, supplier.phone, supplier.region].filter(Boolean),
    sections: [
      {
        columns: COLUMNS,
        rows: sink,
        carryAt,
        totals: [
          { entry: 'Totals for the period', debit: money(collected), credit: money(paid) },
          { entry: 'Closing balance', balance: money(opening + collected - paid) },
        ],
        empty: 'No activity in this period.',
      },
    ],
    after:
      count === 0
        ? `<p class="after">No activity in this period: no collections or payments between ${escapeHtml(period.from)} and ${escapeHtml(period.to)}.</p>`
        : undefined,
    afterUnits: count === 0 ? 2 : 0,
  };
  return { document, supplierCode: supplier.code };
}
