import {
  amountInWords,
  counted,
  formatQuantity,
  moneyFormatterOf,
  parseInput,
  receiptNumberOf,
  uuidField,
  type MoneyFormat,
} from '../../../../shared';
import { ReportSpecSchema, type ReportSpec } from '../../../../shared/ipc/reports';
import type { Core } from '../create-core';
import { escapeHtml, renderDocument, type Cells, type PaperSize } from './paged-document';
import { dailyData, receiptData, settlementData } from './report-data';
import { statementDocument } from './statement';
import { weighingSections } from './daily-weighing-sections';

export interface ReportContext {
  company: { name: string; address: string };
  money: MoneyFormat;
  paper: PaperSize;
  printedBy: string;
  /** When it was printed, as shown on the page. */
  printedAt: string;
}

export interface RenderedReport {
  title: string;
  html: string;
  pages: number;
  /** A file name to suggest when saving. */
  fileName: string;
}

/**
 * "2026-11-20 10:45" in the organisation's time zone. Intl is asked once per quarter hour met (zones change
 * offset only on the hour or half hour), and each line is then formatted from that offset: a statement of
 * 10,000 lines made 10,000 Intl calls before.
 */
export function clockIn(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const QUARTER = 15 * 60_000;
  const offsets = new Map<number, number>();
  const offsetAt = (bucket: number) => {
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const p = Object.fromEntries(format.formatToParts(new Date(bucket)).map((x) => [x.type, x.value]));
      offset = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!) - bucket;
      offsets.set(bucket, offset);
    }
    return offset;
  };
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return (iso: string) => {
    const t = Date.parse(iso);
    const local = new Date(t + offsetAt(Math.floor(t / QUARTER) * QUARTER));
    return `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
  };
}

/** Builds a printable report from the desk's database (docs/architecture.md "Reports"). */
export async function renderReport(core: Core, input: ReportSpec, ctx: ReportContext): Promise<RenderedReport> {
  const spec = parseInput(ReportSpecSchema, input);
  const when = clockIn(core.ctx.orgTimeZone);
  const money = moneyFormatterOf(ctx.money);
  const base = { company: ctx.company, printedAt: ctx.printedAt, printedBy: ctx.printedBy, paper: ctx.paper };

  if (spec.kind === 'statement') {
    const { document, supplierCode } = await statementDocument(
      core,
      spec.supplier_uuid,
      spec,
      { money, when, timeZone: core.ctx.orgTimeZone },
      base,
    );
    const doc = renderDocument(document);
    return { title: 'Supplier statement', ...doc, fileName: `statement-${supplierCode}-${spec.from}-${spec.to}` };
  }

  if (spec.kind === 'daily') {
    const data = await dailyData(core, spec.date);
    const doc = renderDocument({
      ...base,
      title: 'Daily collection summary',
      subtitle: spec.date,
      meta: [counted(data.total.entries, 'collection'), `Total ${money(data.total.amount_minor)}`],
      sections: [
        {
          title: 'By product',
          columns: [
            { key: 'product', label: 'Product', width: 44, wrap: true },
            { key: 'entries', label: 'Entries', width: 14, align: 'right' },
            { key: 'qty', label: 'Quantity', width: 20, align: 'right' },
            { key: 'amount', label: 'Amount', width: 22, align: 'right' },
          ],
          rows: data.byProduct.map((r) => ({
            product: `${r.code} ${r.name}`,
            entries: String(r.entries),
            qty: `${formatQuantity(r.quantity_milli)} ${r.unit}`,
            amount: money(r.amount_minor),
          })),
          totals: [{ product: 'Total', entries: String(data.total.entries), amount: money(data.total.amount_minor) }],
          empty: `No collections on ${spec.date}.`,
        },
        {
          title: 'By supplier',
          columns: [
            { key: 'supplier', label: 'Supplier', width: 40, wrap: true },
            { key: 'product', label: 'Product', width: 14 },
            { key: 'entries', label: 'Entries', width: 10, align: 'right' },
            { key: 'qty', label: 'Quantity', width: 16, align: 'right' },
            { key: 'amount', label: 'Amount', width: 20, align: 'right' },
          ],
          rows: data.bySupplier.map((r) => ({
            supplier: `${r.code} ${r.name}`,
            product: r.product_code,
            entries: String(r.entries),
            qty: `${formatQuantity(r.quantity_milli)} ${r.unit}`,
            amount: money(r.amount_minor),
          })),
          carryAt: (i) => ({
            supplier: 'Carried forward',
            amount: money(data.bySupplier.slice(0, i + 1).reduce((s, r) => s + r.amount_minor, 0)),
          }),
          totals: [{ supplier: 'Total', entries: String(data.total.entries), amount: money(data.total.amount_minor) }],
          empty: `No collections on ${spec.date}.`,
        },
        ...weighingSections(data.weighing, money, when),
      ],
    });
    return { title: 'Daily collection summary', ...doc, fileName: `daily-${spec.date}` };
  }

  if (spec.kind === 'receipt') {
    parseInput(uuidField, spec.payment_uuid);
    const { payment, supplier, balanceAfter } = await receiptData(core, spec.payment_uuid);
    const details = [
      ['Receipt no.', receiptNumberOf(payment.uuid)],
      ['Date', when(payment.paid_at)],
      ['Paid to', `${supplier.code} — ${supplier.name}`],
      ['Amount', money(payment.amount_minor)],
      ['In words', amountInWords(payment.amount_minor, ctx.money.currency)],
      ['Type', payment.type],
      ['Method', payment.method],
      ['Reference', payment.reference || '—'],
      ['Balance after payment', money(balanceAfter)],
    ];
    const after = `<div class="receipt">${payment.voided_at ? `<p class="void-stamp">VOID — ${escapeHtml(payment.void_reason ?? '')}</p>` : ''}<dl>${details
      .map(([k, v]) => `<dt>${escapeHtml(k!)}</dt><dd>${escapeHtml(v!)}</dd>`)
      .join('')}</dl><div class="sign"><div>Received by (supplier)</div><div>Paid by (clerk)</div></div></div>`;
    const doc = renderDocument({
      ...base,
      title: 'Payment receipt',
      subtitle: `${supplier.code} — ${supplier.name}`,
      meta: [when(payment.paid_at)],
      sections: [],
      after,
      afterUnits: 16,
    });
    return { title: 'Payment receipt', ...doc, fileName: `receipt-${payment.uuid.slice(-12)}` };
  }

  const data = await settlementData(core, spec);
  const running: Cells[] = [];
  let acc = { collected: 0, paid: 0, due: 0 };
  const rows = data.rows.map((r) => {
    acc = { collected: acc.collected + r.collected, paid: acc.paid + r.paid, due: acc.due + r.due };
    running.push({
      supplier: 'Carried forward',
      collected: money(acc.collected),
      paid: money(acc.paid),
      due: money(acc.due),
    });
    return {
      supplier: `${r.code} ${r.name}`,
      opening: money(r.opening),
      collected: money(r.collected),
      paid: money(r.paid),
      due: money(r.due),
      sign: '',
    };
  });
  const doc = renderDocument({
    ...base,
    title: 'Settlement sheet',
    subtitle: `${spec.from} to ${spec.to}`,
    meta: [counted(data.rows.length, 'supplier'), `Due ${money(data.total.due)}`],
    sections: [
      {
        columns: [
          { key: 'supplier', label: 'Supplier', width: 22, wrap: true },
          { key: 'opening', label: 'Opening', width: 14.5, align: 'right' },
          { key: 'collected', label: 'Collected', width: 14.5, align: 'right' },
          { key: 'paid', label: 'Paid', width: 14.5, align: 'right' },
          { key: 'due', label: 'Due', width: 14.5, align: 'right' },
          { key: 'sign', label: 'Signature', width: 20 },
        ],
        rows,
        carryAt: (i) => running[i]!,
        totals: [
          {
            supplier: 'Grand total',
            opening: money(data.total.opening),
            collected: money(data.total.collected),
            paid: money(data.total.paid),
            due: money(data.total.due),
          },
        ],
        empty: 'No activity in this period.',
      },
    ],
  });
  return { title: 'Settlement sheet', ...doc, fileName: `settlement-${spec.from}-${spec.to}` };
}
