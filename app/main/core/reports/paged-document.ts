import { textWidthMm, widestMm, wrapText } from './text-wrap';

/**
 * Paged HTML for printing. Pages are laid out here, not left to the browser, so that every page repeats the
 * header and the table head, no row is ever split, long statements carry their subtotals forward, and
 * "Page x of y" is exact — the same on paper from the print dialog and in a saved PDF.
 */

export type PaperSize = 'A4' | 'Letter';

interface Column {
  key: string;
  label: string;
  /** Share of the table width, in percent. */
  width: number;
  align?: 'right';
  /** Long text wraps onto more lines (the row grows) instead of being cut: references, names. */
  wrap?: boolean;
}

/** A cell's text, or an amount struck through (a voided payment: shown, but not counted). */
export type Cell = string | { struck: string };
export type Cells = Record<string, Cell>;

export interface Section {
  title?: string;
  columns: Column[];
  /** The rows as cells, or already drawn (a long statement draws each row as it reads it: `RowSink`). */
  rows: Cells[] | DrawnRows;
  /** The running subtotal after row i, shown as "Carried forward" / "Brought forward" across page breaks. */
  carryAt?: (index: number) => Cells;
  totals?: Cells[];
  empty?: string;
}

export interface DocumentSpec {
  title: string;
  subtitle?: string;
  company: { name: string; address: string };
  meta: string[];
  sections: Section[];
  /** Free HTML after the tables (signature lines, notes). Rendered on the last page; counts as `afterUnits` rows. */
  after?: string;
  afterUnits?: number;
  printedAt: string;
  printedBy: string;
  paper: PaperSize;
}

const PAPER = { A4: { w: 210, h: 297 }, Letter: { w: 215.9, h: 279.4 } } as const;
const MARGIN = 12;
const HEAD_MM = 30;
const FOOT_MM = 8;
const ROW_MM = 6.5;
/** Each further line of a wrapped row. */
const LINE_MM = 4;
const FONT_PT = 9;
const CELL_PADDING_MM = 2.4;

function rowsPerPage(paper: PaperSize): number {
  return Math.floor((PAPER[paper].h - 2 * MARGIN - HEAD_MM - FOOT_MM - 2) / ROW_MM);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most cells (dates, amounts) have nothing to escape: no new string for them.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c]!) : text;
}

/** Rows drawn as HTML with their heights (in rows), in order. */
interface DrawnRows {
  html: string[];
  units: number[];
}

/** A column's fixed parts, worked out once per table instead of once per cell. */
interface ColumnPlan {
  key: string;
  wrap: boolean;
  /** Printed width less padding, in mm. */
  room: number;
  /** The opening tag without and with wrapped lines. */
  open: string;
  openWrapped: string;
}

function planColumns(columns: Column[], paper: PaperSize): ColumnPlan[] {
  const tableMm = PAPER[paper].w - 2 * MARGIN;
  return columns.map((c) => ({
    key: c.key,
    wrap: Boolean(c.wrap),
    room: (tableMm * c.width) / 100 - CELL_PADDING_MM,
    open: c.align ? '<td class="num"' : '<td',
    openWrapped: c.align ? '<td class="num wrap"' : '<td class="wrap"',
  }));
}

/**
 * A one-line cell too wide for its column (a grand total in the millions) is set smaller until it fits: a figure
 * is never cut short.
 */
function fitStyle(text: string, room: number, bold: boolean): string {
  if (widestMm(text.length, FONT_PT, bold) <= room) return '';
  const needed = textWidthMm(text, FONT_PT, bold);
  if (needed <= room) return '';
  return ` style="font-size:${Math.max(5, Math.floor((FONT_PT * room * 10) / needed) / 10)}pt"`;
}

/** Text that is already one line as `wrapText` would set it (single spaces between words). */
const ONE_SPACED = /^\S+(?: \S+)*$/;

/** A wrapping cell's lines: text that fits even at the widest character width is one line, unmeasured. */
function linesOf(text: string, room: number): string[] {
  if (widestMm(text.length, FONT_PT) <= room && ONE_SPACED.test(text)) return [text];
  return wrapText(text, room, FONT_PT);
}

/**
 * Draws rows of one table: each row's HTML and height, measured once. Used for every table, and fed row by row
 * by a statement so that no row object outlives its line.
 */
export class RowSink implements DrawnRows {
  readonly html: string[] = [];
  readonly units: number[] = [];
  private readonly plan: ColumnPlan[];

  constructor(columns: Column[], paper: PaperSize) {
    this.plan = planColumns(columns, paper);
  }

  /** Adds one body row. */
  add(cells: Cells): void {
    this.html.push(this.draw(cells, ''));
    this.units.push(this.lastUnits);
  }

  private lastUnits = 1;
  /** The pieces of the row being drawn, joined once (one flat string per row, not a chain of concatenations). */
  private readonly parts: string[] = [];

  /** One `<tr>`; its height in rows is left in `lastUnits`. */
  draw(cells: Cells, className: string): string {
    let most = 1;
    const tds = this.parts;
    tds.length = 0;
    for (const c of this.plan) {
      const cell = cells[c.key];
      if (cell === undefined) {
        tds.push(c.open, '></td>');
        continue;
      }
      const text = typeof cell === 'string' ? cell : cell.struck;
      if (c.wrap && text !== '') {
        const lines = linesOf(text, c.room);
        if (lines.length > most) most = lines.length;
        tds.push(
          c.openWrapped,
          '>',
          lines.length === 1 ? escapeHtml(lines[0]!) : lines.map(escapeHtml).join('<br>'),
          '</td>',
        );
        continue;
      }
      const fit = c.wrap || text === '' ? '' : fitStyle(text, c.room, className === 'total');
      if (typeof cell === 'string') tds.push(c.open, fit, '>', escapeHtml(cell), '</td>');
      else tds.push(c.open, fit, '><del>', escapeHtml(cell.struck), '</del></td>');
    }
    const units = 1 + ((most - 1) * LINE_MM) / ROW_MM;
    this.lastUnits = units;
    const classes = units > 1 ? (className ? `${className} tall` : 'tall') : className;
    const height = units > 1 ? ` style="height:${(units * ROW_MM).toFixed(2)}mm"` : '';
    tds.push('</tr>');
    return `<tr${classes ? ` class="${classes}"` : ''}${height}>${tds.join('')}`;
  }
}

/** The section's rows drawn (once, however many pages ask), with the sink that draws its other rows. */
const drawnRows = new WeakMap<Section, { paper: PaperSize; rows: DrawnRows; sink: RowSink }>();

function drawn(section: Section, paper: PaperSize): { rows: DrawnRows; sink: RowSink } {
  let known = drawnRows.get(section);
  if (known?.paper !== paper) {
    const sink = new RowSink(section.columns, paper);
    if (Array.isArray(section.rows)) for (const cells of section.rows) sink.add(cells);
    known = { paper, rows: Array.isArray(section.rows) ? sink : section.rows, sink };
    drawnRows.set(section, known);
  }
  return known;
}

const rowCount = (section: Section) => (Array.isArray(section.rows) ? section.rows.length : section.rows.html.length);

type Fragment = {
  section: Section;
  title: string | null;
  from: number;
  to: number;
  brought: Cells | null;
  carried: Cells | null;
  totals: boolean;
  empty: boolean;
};

/** Splits the sections into pages of whole rows; a wrapped row counts for its height. */
function paginate(spec: Pick<DocumentSpec, 'sections' | 'afterUnits' | 'paper'>): Fragment[][] {
  const capacity = rowsPerPage(spec.paper);
  const pages: Fragment[][] = [[]];
  let used = 0;
  const newPage = () => {
    pages.push([]);
    used = 0;
  };
  spec.sections.forEach((section, si) => {
    const last = si === spec.sections.length - 1;
    const tail = (section.totals?.length ?? 0) + (last ? (spec.afterUnits ?? 0) : 0);
    const head = (section.title ? 1 : 0) + 1;
    const count = rowCount(section);
    if (count === 0) {
      if (capacity - used < head + 1 + tail) newPage();
      pages.at(-1)!.push({
        section,
        title: section.title ?? null,
        from: 0,
        to: 0,
        brought: null,
        carried: null,
        totals: true,
        empty: true,
      });
      used += head + 1 + tail;
      return;
    }
    const units = drawn(section, spec.paper).rows.units;
    const unitsOf = (from: number, to: number) => {
      let sum = 0;
      for (let i = from; i < to; i++) sum += units[i]!;
      return sum;
    };
    let index = 0;
    let continued = false;
    while (index < count) {
      const brought = continued && section.carryAt ? 1 : 0;
      const carryLine = section.carryAt ? 1 : 0;
      const room = capacity - used - head - brought;
      let take = 0;
      let finishes = false;
      if (unitsOf(index, count) + tail <= room + 1e-9) {
        take = count - index;
        finishes = true;
      } else {
        // Leave a line for "Carried forward"; keep at least one row back so the totals have company.
        let filled = 0;
        while (index + take < count - 1) {
          const next = units[index + take]!;
          if (filled + next > room - carryLine + 1e-9) break;
          filled += next;
          take += 1;
        }
        if (take < 1) {
          if (used > 0) {
            newPage();
            continue;
          }
          take = 1;
        }
      }
      const to = index + take;
      pages.at(-1)!.push({
        section,
        title: section.title ? `${section.title}${continued ? ' (continued)' : ''}` : null,
        from: index,
        to,
        brought: brought ? section.carryAt!(index - 1) : null,
        carried: !finishes && section.carryAt ? section.carryAt(to - 1) : null,
        totals: finishes,
        empty: false,
      });
      used += head + brought + unitsOf(index, to) + (finishes ? tail : carryLine);
      index = to;
      continued = true;
      if (!finishes) newPage();
    }
  });
  return pages;
}

function fragmentHtml(f: Fragment, paper: PaperSize): string {
  const { columns } = f.section;
  const colgroup = `<colgroup>${columns.map((c) => `<col style="width:${c.width}%">`).join('')}</colgroup>`;
  const head = `<thead><tr>${columns.map((c) => `<th${c.align ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`).join('')}</tr></thead>`;
  const body: string[] = [];
  if (f.brought) body.push(drawn(f.section, paper).sink.draw(f.brought, 'carry'));
  if (f.empty)
    body.push(
      `<tr class="empty"><td colspan="${columns.length}">${escapeHtml(f.section.empty ?? 'No activity in this period.')}</td></tr>`,
    );
  const { rows, sink } = drawn(f.section, paper);
  for (let i = f.from; i < f.to; i++) body.push(rows.html[i]!);
  if (f.carried) body.push(sink.draw(f.carried, 'carry'));
  const foot =
    f.totals && f.section.totals?.length
      ? `<tfoot>${f.section.totals.map((t) => sink.draw(t, 'total')).join('')}</tfoot>`
      : '';
  return `${f.title ? `<h2>${escapeHtml(f.title)}</h2>` : ''}<table>${colgroup}${head}<tbody>${body.join('')}</tbody>${foot}</table>`;
}

/** The pages of one document as `<section class="page">` elements, to stand alone or beside other documents. */
export function renderPages(spec: DocumentSpec): { body: string; pages: number } {
  const pages = paginate(spec);
  const header = `<header class="head"><div class="company"><strong>${escapeHtml(spec.company.name)}</strong><span>${escapeHtml(spec.company.address)}</span></div><h1>${escapeHtml(spec.title)}</h1>${spec.subtitle ? `<div class="subtitle">${escapeHtml(spec.subtitle)}</div>` : ''}<div class="meta">${spec.meta.map(escapeHtml).join(' · ')}</div></header>`;
  const body = pages
    .map(
      (fragments, i) =>
        `<section class="page">${header}<main>${fragments.map((f) => fragmentHtml(f, spec.paper)).join('')}${i === pages.length - 1 && spec.after ? spec.after : ''}</main><footer class="foot"><span>Printed ${escapeHtml(spec.printedAt)} by ${escapeHtml(spec.printedBy)}</span><span>${escapeHtml(spec.title)}</span><span>Page ${i + 1} of ${pages.length}</span></footer></section>`,
    )
    .join('');
  return { body, pages: pages.length };
}

/** The print CSS every report shares. */
function documentCss(paper: PaperSize): string {
  const { w, h } = PAPER[paper];
  return `
@page { size: ${paper}; margin: ${MARGIN}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font: 9pt/1.25 "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111; }
.page { position: relative; height: ${h - 2 * MARGIN - 1}mm; overflow: hidden; break-after: page; }
.page:last-child { break-after: auto; }
.head { height: ${HEAD_MM}mm; border-bottom: 0.4mm solid #2f6f4e; }
.company { display: flex; justify-content: space-between; font-size: 9pt; }
.company span { color: #444; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 60%; }
h1 { font-size: 14pt; margin: 2mm 0 1mm; }
h2 { font-size: 10pt; margin: 0; height: ${ROW_MM}mm; line-height: ${ROW_MM}mm; }
.subtitle { font-size: 10pt; font-weight: bold; }
.meta { font-size: 8.5pt; color: #333; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
main { padding-top: 1mm; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; }
tr { height: ${ROW_MM}mm; break-inside: avoid; }
th, td { padding: 0 1.2mm; white-space: nowrap; overflow: hidden; border-bottom: 0.2mm solid #ddd; text-align: left; }
th { background: #e8efe9; font-weight: bold; border-bottom: 0.3mm solid #2f6f4e; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.tall td { vertical-align: top; padding-top: ${((ROW_MM - LINE_MM) / 2).toFixed(2)}mm; line-height: ${LINE_MM}mm; }
td.wrap { white-space: normal; overflow: visible; text-overflow: clip; }
del { text-decoration-thickness: 0.3mm; }
tr.carry td { font-style: italic; background: #f4f6f4; }
tr.total td { font-weight: bold; border-top: 0.3mm solid #111; }
tr.empty td { text-align: center; font-style: italic; color: #444; }
.foot { position: absolute; bottom: 0; left: 0; right: 0; height: ${FOOT_MM}mm; display: flex; justify-content: space-between; align-items: flex-end; font-size: 8pt; color: #444; border-top: 0.2mm solid #bbb; }
.after { margin-top: 3mm; }
.sign { display: flex; gap: 15mm; margin-top: 12mm; }
.sign div { flex: 1; border-top: 0.3mm solid #111; padding-top: 1mm; font-size: 8.5pt; }
.receipt dl { display: grid; grid-template-columns: 45mm 1fr; gap: 2.5mm 4mm; font-size: 10.5pt; margin: 6mm 0; }
.receipt dt { color: #444; }
.receipt dd { margin: 0; font-weight: bold; }
.void-stamp { font-size: 20pt; color: #b3261e; border: 1mm solid #b3261e; display: inline-block; padding: 1mm 4mm; transform: rotate(-6deg); }
@media screen {
  body { background: #d9ddd9; padding: 8mm 0; }
  .page { width: ${w}mm; height: ${h}mm; margin: 0 auto 8mm; padding: ${MARGIN}mm; background: #fff; box-shadow: 0 1mm 4mm rgb(0 0 0 / 25%); }
  .foot { left: ${MARGIN}mm; right: ${MARGIN}mm; bottom: ${MARGIN}mm; }
}`;
}

/** A whole printable HTML document: the pages, the shared CSS (plus a report's own) and a title. */
export function htmlDocument(title: string, paper: PaperSize, body: string, extraCss = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${documentCss(paper)}${extraCss}</style></head><body>${body}</body></html>`;
}

export function renderDocument(spec: DocumentSpec): { html: string; pages: number } {
  const { body, pages } = renderPages(spec);
  return { html: htmlDocument(spec.title, spec.paper, body), pages };
}
