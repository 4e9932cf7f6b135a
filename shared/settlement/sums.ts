/** Exact integer sums for the engine: plain numbers while they stay safe, a clear error past that. */

export function assertMinor(value: number, label: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${label} must be a non-negative safe integer`);
  return value;
}

/** a + b for non-negative safe integers; the comparison is exact even when the float sum rounds. */
export function addMinor(a: number, b: number, label = 'amount'): number {
  const sum = a + b;
  if (sum > Number.MAX_SAFE_INTEGER) throw new RangeError(`${label} is too large`);
  return sum;
}

export function sumMinor(values: Iterable<number>, label = 'amount'): number {
  let total = 0;
  for (const value of values) total = addMinor(total, value, label);
  return total;
}

/** Deterministic string order (code points), independent of the runtime's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
