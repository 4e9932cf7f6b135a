import { formatQuantity } from '../../../../shared';
import type { dailyWeighing } from './daily-weighing';
import type { Section } from './paged-document';

type Weighing = Awaited<ReturnType<typeof dailyWeighing>>;

/**
 * The daily summary's weighing sections, each only when it has something to say: totals by route, centre and
 * shift; deliveries refused at the scale; and weights typed by hand (flagged for a supervisor to look at).
 */
export function weighingSections(
  weighing: Weighing,
  money: (minor: number) => string,
  when: (iso: string) => string,
): Section[] {
  const sections: Section[] = [];
  if (weighing.byPlace.length)
    sections.push({
      title: 'By route, centre and shift',
      columns: [
        { key: 'route', label: 'Route', width: 16 },
        { key: 'centre', label: 'Centre', width: 16 },
        { key: 'shift', label: 'Shift', width: 12 },
        { key: 'entries', label: 'Entries', width: 9, align: 'right' },
        { key: 'refused', label: 'Refused', width: 9, align: 'right' },
        { key: 'typed', label: 'Typed', width: 8, align: 'right' },
        { key: 'qty', label: 'Quantity', width: 14, align: 'right' },
        { key: 'amount', label: 'Amount', width: 16, align: 'right' },
      ],
      rows: weighing.byPlace.map((p) => ({
        route: p.route,
        centre: p.centre,
        shift: p.shift,
        entries: String(p.entries),
        refused: String(p.rejected),
        typed: String(p.typed),
        qty: `${formatQuantity(p.quantity_milli)} ${p.unit}`,
        amount: money(p.amount_minor),
      })),
    });
  const line = (l: Weighing['typed'][number]) => ({
    time: when(l.at),
    supplier: l.supplier,
    product: l.product_code,
    qty: `${formatQuantity(l.gross_weight_milli ?? l.quantity_milli)} ${l.unit}`,
    detail: l.detail,
  });
  const columns = (last: string) => [
    { key: 'time', label: 'Time', width: 17 },
    { key: 'supplier', label: 'Supplier', width: 26, wrap: true },
    { key: 'product', label: 'Product', width: 11 },
    { key: 'qty', label: 'Weight', width: 14, align: 'right' as const },
    { key: 'detail', label: last, width: 32, wrap: true },
  ];
  if (weighing.rejections.length)
    sections.push({ title: 'Refused at the scale', columns: columns('Reason'), rows: weighing.rejections.map(line) });
  if (weighing.typed.length)
    sections.push({
      title: 'TYPED WEIGHTS (not from the scale)',
      columns: columns('Grade / quality'),
      rows: weighing.typed.map(line),
    });
  return sections;
}
