import type { ServerRow } from './rows';

/** The rate in force on a date: latest effective_from on or before it; same-day ties go to the later-made rate. */
export function rateInForce(rates: ServerRow[], date: string): ServerRow | undefined {
  let best: ServerRow | undefined;
  for (const rate of rates) {
    if (rate.deleted_at || (rate.effective_from as string) > date) continue;
    if (
      !best ||
      (rate.effective_from as string) > (best.effective_from as string) ||
      (rate.effective_from === best.effective_from && rate.uuid > best.uuid)
    ) {
      best = rate;
    }
  }
  return best;
}
