import { localDateOf } from '../dates';

/** A period an approved regular run closed for one supplier (its line in the run). */
export interface ClosedPeriod {
  code: string;
  name: string;
  from: string;
  to: string;
  /** A run of one product closes only that product's collections (and every payment). */
  product_uuid: string | null;
}

export type DatedType = 'collections' | 'payments';

/** The field a closed period is judged by, and named in a refusal. */
export const PERIOD_DATE_FIELD: Record<DatedType, 'collected_at' | 'paid_at'> = {
  collections: 'collected_at',
  payments: 'paid_at',
};

export interface ClosedHit {
  period: ClosedPeriod;
  /** The record's date on the organisation's clock. */
  day: string;
}

/** The closed period (of the supplier's) the row's date falls in, if any: the one rule for desk and server. */
export function closedPeriodOf(
  periods: readonly ClosedPeriod[],
  type: DatedType,
  row: Readonly<Record<string, unknown>>,
  timeZone: string,
): ClosedHit | null {
  const instant = row[PERIOD_DATE_FIELD[type]];
  if (periods.length === 0 || typeof instant !== 'string') return null;
  const day = localDateOf(instant, timeZone);
  for (const period of periods) {
    if (day < period.from || day > period.to) continue;
    if (type === 'collections' && period.product_uuid && period.product_uuid !== row.product_uuid) continue;
    return { period, day };
  }
  return null;
}

/**
 * The PERIOD_CLOSED refusal's words, the same from the desk (at entry) and the server (at push): the run and its
 * period in the message, and the date field named so a form shows it beside the date.
 */
export function periodClosedRefusal(type: DatedType, { period, day }: ClosedHit) {
  return {
    message:
      `${period.from} to ${period.to} is closed for this supplier by settlement run ${period.code} ` +
      `"${period.name}": ${type} dated ${day} can no longer change; record an adjustment dated in the open period instead`,
    fields: {
      [PERIOD_DATE_FIELD[type]]:
        `is in the period closed by settlement run ${period.code} (${period.from} to ${period.to})`,
    },
  };
}
