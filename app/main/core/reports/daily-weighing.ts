import { describeCollection, type RejectionReason, type Shift } from '../../../../shared';
import type { Core } from '../create-core';

/**
 * What the daily summary says about weighing (issue 18): totals per route, centre and shift, the deliveries
 * refused at the scale, and the weights typed by hand rather than taken from the scale, for a supervisor.
 */

interface DayLine {
  supplier: string;
  product_code: string;
  unit: string;
  at: string;
  route: string | null;
  centre: string | null;
  shift: Shift | null;
  quantity_milli: number;
  amount_minor: number;
  gross_weight_milli: number | null;
  weighed_on_scale: boolean;
  grade: string | null;
  readings: string;
  rejection_reason: RejectionReason | null;
  rejection_note: string;
  terms: string | null;
}

/** One unit's collections at a route, centre and shift: kilograms and litres are never added together. */
export interface PlaceTotal {
  route: string;
  centre: string;
  shift: string;
  unit: string;
  entries: number;
  rejected: number;
  typed: number;
  quantity_milli: number;
  amount_minor: number;
}

export async function dailyWeighing(core: Core, start: string, end: string) {
  const rows = await core.db
    .selectFrom('collections')
    .innerJoin('products', 'products.uuid', 'collections.product_uuid')
    .innerJoin('suppliers', 'suppliers.uuid', 'collections.supplier_uuid')
    .leftJoin('routes', 'routes.uuid', 'collections.route_uuid')
    .leftJoin('centres', 'centres.uuid', 'collections.centre_uuid')
    .leftJoin('pricing_rules', 'pricing_rules.uuid', 'collections.rule_version_uuid')
    .where('collections.deleted_at', 'is', null)
    .where('collections.collected_at', '>=', start)
    .where('collections.collected_at', '<', end)
    .select([
      'suppliers.code as supplier_code',
      'suppliers.name as supplier_name',
      'products.code as product_code',
      'products.unit as unit',
      'collections.collected_at as at',
      'routes.code as route',
      'centres.code as centre',
      'collections.shift as shift',
      'collections.quantity_milli as quantity_milli',
      'collections.amount_minor as amount_minor',
      'collections.gross_weight_milli as gross_weight_milli',
      'collections.weighed_on_scale as weighed_on_scale',
      'collections.grade as grade',
      'collections.readings as readings',
      'collections.rejection_reason as rejection_reason',
      'collections.rejection_note as rejection_note',
      'pricing_rules.terms as terms',
    ])
    .orderBy('collections.collected_at')
    .orderBy('collections.uuid')
    .execute();
  const lines: DayLine[] = rows.map((r) => ({
    ...r,
    supplier: `${r.supplier_code} ${r.supplier_name}`,
    shift: r.shift as Shift | null,
    rejection_reason: r.rejection_reason as RejectionReason | null,
    weighed_on_scale: Number(r.weighed_on_scale) === 1,
  }));

  const places = new Map<string, PlaceTotal>();
  for (const line of lines) {
    const route = line.route ?? '—';
    const centre = line.centre ?? '—';
    const shift = line.shift ?? '—';
    const key = `${route}\u0000${centre}\u0000${shift}\u0000${line.unit}`;
    const total = places.get(key) ?? {
      route,
      centre,
      shift,
      unit: line.unit,
      entries: 0,
      rejected: 0,
      typed: 0,
      quantity_milli: 0,
      amount_minor: 0,
    };
    total.entries += 1;
    if (line.rejection_reason) total.rejected += 1;
    if (isTyped(line)) total.typed += 1;
    total.quantity_milli += line.quantity_milli;
    total.amount_minor += line.amount_minor;
    places.set(key, total);
  }
  const byPlace = [...places.values()].sort(
    (a, b) =>
      a.route.localeCompare(b.route) ||
      a.centre.localeCompare(b.centre) ||
      a.shift.localeCompare(b.shift) ||
      a.unit.localeCompare(b.unit),
  );
  const detail = (l: DayLine) => describeCollection({ ...l, terms: l.terms });
  return {
    /** Only worth a section when some collection names a place or a shift. */
    byPlace: byPlace.some((p) => p.route !== '—' || p.centre !== '—' || p.shift !== '—') ? byPlace : [],
    rejections: lines.filter((l) => l.rejection_reason).map((l) => ({ ...l, detail: detail(l) })),
    typed: lines.filter(isTyped).map((l) => ({ ...l, detail: detail(l) })),
  };
}

/**
 * A weight entered by hand instead of taken from the scale: a plain-rate product's typed quantity too (it has no
 * gross weight, the quantity is the weight), so the count is every entry the scale did not give.
 */
function isTyped(line: Pick<DayLine, 'weighed_on_scale'>): boolean {
  return !line.weighed_on_scale;
}
