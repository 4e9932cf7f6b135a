/**
 * "Is this weight implausible?": a typo (100000 for 10.0) is caught before saving by comparing it with the
 * product's usual delivery, the median of its last deliveries. The median, not the mean, so one past typo does
 * not move it; too few deliveries give no usual, so a new product never warns.
 */
export const USUAL_SAMPLE = 50;
const USUAL_MIN_DELIVERIES = 5;
/** How many times the usual delivery a quantity may be before the clerk is asked. */
const USUAL_FACTOR = 10;

/** The median of the quantities (thousandths), rounded down to a whole thousandth; null under the minimum. */
export function usualQuantity(quantities: readonly number[]): number | null {
  if (quantities.length < USUAL_MIN_DELIVERIES) return null;
  const sorted = [...quantities].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.floor((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** Whether a quantity is more than USUAL_FACTOR times the usual one (never when there is no usual). */
export function isImplausibleQuantity(quantityMilli: number, usualMilli: number | null): boolean {
  return usualMilli !== null && usualMilli > 0 && quantityMilli > USUAL_FACTOR * usualMilli;
}
