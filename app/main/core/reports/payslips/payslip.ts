import {
  amountInWords,
  formatMoney,
  formatQuantity,
  lineOrder,
  notFound,
  type Deduction,
  type SettlementLine,
  type SettlementResult,
} from '../../../../../shared';
import type { SettlementRunView } from '../../../../../shared/ipc/pay-runs-contract';
import { escapeHtml, htmlDocument, renderPages, type DocumentSpec } from '../paged-document';
import type { ReportContext } from '../reports';

/** A computed run as payslips need it: the engine's output plus the run's code and name. */
export interface PayslipRun extends Pick<SettlementResult, 'kind' | 'period' | 'lines'> {
  code: string;
  name: string;
}

/** A stored run (as the desk reads it) in the shape payslips print. */
export function payslipRun(view: SettlementRunView, lines = view.lines): PayslipRun {
  const { run } = view;
  return {
    code: run.code,
    name: run.name,
    kind: run.kind,
    period: { from: run.period_from, to: run.period_to },
    lines,
  };
}

const KIND_LABELS: Record<Deduction['kind'], (name: string) => string> = {
  brought_forward: (name) => `Brought forward: ${name}`,
  adjustment: (name) => name,
  advance: (name) => name,
  partial: (name) => name,
  charge: (name) => name,
  credit: (name) => `Instalment: ${name}`,
};

const PAYSLIP_CSS = `
.payslip dl { display: grid; grid-template-columns: 60mm 1fr; gap: 1.5mm 4mm; font-size: 10pt; margin: 4mm 0 0; }
.payslip dt { color: #444; }
.payslip dd { margin: 0; font-weight: bold; text-align: right; font-variant-numeric: tabular-nums; max-width: 50mm; }
.payslip .net { font-size: 13pt; border-top: 0.4mm solid #2f6f4e; padding-top: 1mm; }
.payslip .words { grid-column: 1 / -1; font-style: italic; font-weight: normal; text-align: left; max-width: none; color: #222; }
.payslip .carried { color: #b3261e; }`;

function title(run: PayslipRun): string {
  return run.kind === 'bonus' ? 'Second payment slip' : 'Payslip';
}

/** One supplier's payslip as a paged document (one page unless the deductions are very many). */
function payslipSpec(run: PayslipRun, line: SettlementLine, ctx: ReportContext): DocumentSpec {
  const money = (minor: number) => formatMoney(minor, ctx.money);
  const summary: [string, string, string?][] = [
    ['Gross pay', money(line.gross_minor)],
    ['Total deductions', money(line.deductions_minor)],
    ['Net pay', money(line.net_minor), 'net'],
    ['', amountInWords(line.net_minor, ctx.money.currency), 'words'],
  ];
  if (line.carried_forward_minor > 0)
    summary.push(['Carried forward to the next run', money(line.carried_forward_minor), 'carried']);
  if (line.credits.length > 0) summary.push(['Credit remaining after this run', money(line.credit_remaining_minor)]);
  const after = `<div class="payslip after"><dl>${summary
    .map(([k, v, cls]) =>
      cls === 'words'
        ? `<dd class="words">${escapeHtml(v)}</dd>`
        : `<dt${cls ? ` class="${cls}"` : ''}>${escapeHtml(k)}</dt><dd${cls ? ` class="${cls}"` : ''}>${escapeHtml(v)}</dd>`,
    )
    .join('')}</dl><div class="sign"><div>Received by (supplier)</div><div>Checked by</div></div></div>`;
  const sections: DocumentSpec['sections'] = [
    {
      title: run.kind === 'bonus' ? 'Second payment' : 'Gross',
      columns: [
        { key: 'product', label: 'Product', width: 40 },
        { key: 'entries', label: 'Deliveries', width: 12, align: 'right' },
        { key: 'qty', label: 'Quantity', width: 16, align: 'right' },
        { key: 'rate', label: 'Rate', width: 14, align: 'right' },
        { key: 'amount', label: 'Amount', width: 18, align: 'right' },
      ],
      // An adjustment line is named by its label ("Adjustment of <date> <record>"), not by a product.
      rows: line.gross_lines.map((g) => ({
        product: g.adjusts ? g.product_name : `${g.product_code} ${g.product_name}`,
        entries: String(g.entries),
        qty: g.quantity_milli === 0 && g.adjusts ? '' : `${formatQuantity(g.quantity_milli)} ${g.unit}`,
        rate: g.adjusts ? '' : g.rate_minor === null ? 'varied' : money(g.rate_minor),
        amount: money(g.amount_minor),
      })),
      totals: [{ product: 'Gross pay', amount: money(line.gross_minor) }],
      empty: 'No deliveries in this period.',
    },
    {
      title: 'Deductions',
      columns: [
        { key: 'name', label: 'Deduction', width: 46 },
        { key: 'due', label: 'Due', width: 18, align: 'right' },
        { key: 'amount', label: 'Deducted', width: 18, align: 'right' },
        { key: 'carried', label: 'Carried forward', width: 18, align: 'right' },
      ],
      rows: line.deductions.map((d) => ({
        name: KIND_LABELS[d.kind](d.name),
        due: money(d.due_minor),
        amount: money(d.amount_minor),
        carried: d.due_minor > d.amount_minor ? money(d.due_minor - d.amount_minor) : '',
      })),
      totals: [
        {
          name: 'Total deductions',
          due: money(line.deductions_minor + line.carried_forward_minor),
          amount: money(line.deductions_minor),
          carried: line.carried_forward_minor > 0 ? money(line.carried_forward_minor) : '',
        },
      ],
      empty: 'No deductions in this run.',
    },
  ];
  if (line.credits.length > 0)
    sections.push({
      title: 'Supplier credit',
      columns: [
        { key: 'credit', label: 'Credit', width: 46 },
        { key: 'kind', label: 'Kind', width: 18 },
        { key: 'due', label: 'Instalment due', width: 18, align: 'right' },
        { key: 'remaining', label: 'Remaining', width: 18, align: 'right' },
      ],
      rows: line.credits.map((c) => ({
        credit: c.description,
        kind: c.kind === 'input' ? 'inputs on credit' : 'loan',
        due: money(c.due_minor),
        remaining: money(c.remaining_minor),
      })),
      totals: [{ credit: 'Credit remaining', remaining: money(line.credit_remaining_minor) }],
    });
  return {
    title: title(run),
    subtitle: `${line.supplier_code} — ${line.supplier_name}`,
    company: ctx.company,
    meta: [
      `${run.name} (${run.code})`,
      // A run's default name already says its period.
      run.name.includes(run.period.from) ? '' : `Period ${run.period.from} to ${run.period.to}`,
      line.route && `Route ${line.route}`,
    ].filter(Boolean) as string[],
    sections,
    after,
    afterUnits: 9 + (line.carried_forward_minor > 0 ? 1 : 0) + (line.credits.length > 0 ? 1 : 0),
    printedAt: ctx.printedAt,
    printedBy: ctx.printedBy,
    paper: ctx.paper,
  };
}

/** The payslips of some lines as one HTML document (the lines in route/code order). */
export function payslipsHtml(
  run: PayslipRun,
  lines: SettlementLine[],
  ctx: ReportContext,
): { html: string; pages: number } {
  let pages = 0;
  const bodies = [...lines].sort(lineOrder).map((line) => {
    const rendered = renderPages(payslipSpec(run, line, ctx));
    pages += rendered.pages;
    return rendered.body;
  });
  return { html: htmlDocument(`${title(run)}s — ${run.name}`, ctx.paper, bodies.join(''), PAYSLIP_CSS), pages };
}

/** One supplier's payslip, for printing from the supplier's screen. */
export function renderPayslip(run: PayslipRun, supplierUuid: string, ctx: ReportContext) {
  const line = run.lines.find((l) => l.supplier_uuid === supplierUuid);
  if (!line) throw notFound(`A payslip for this supplier in ${run.name}`);
  const { html, pages } = payslipsHtml(run, [line], ctx);
  return { title: title(run), html, pages, fileName: `payslip-${run.code}-${line.supplier_code}` };
}
