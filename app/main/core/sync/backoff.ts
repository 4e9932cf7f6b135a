/** Exponential backoff with full jitter, 1 s doubling to a 5 min ceiling (docs/architecture.md "The desk's sync engine"). */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 1000,
  maxMs = 300_000,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // Never below the base: a flapping network is not hammered.
  return Math.max(baseMs, Math.round(ceiling * random()));
}
