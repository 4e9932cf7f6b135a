import { AppError, closedPeriodOf, periodClosedRefusal, type EntityType } from '../../../../shared';
import type { CoreContext } from './context';

type Row = Readonly<Record<string, unknown>>;

/**
 * Refuses a write of a collection or payment dated in a period an approved run closed for its supplier, where
 * the record was (an edit, void or delete) or where an edit would move it — the server's period-close rule, with
 * its code and words, applied at entry from the runs this desk knows. A change queued before the desk learnt of
 * the run is still refused by the server, and becomes an adjustment from the Sync screen.
 */
export function assertPeriodOpen(ctx: CoreContext, type: EntityType, before: Row | undefined, after: Row): void {
  if (type !== 'collections' && type !== 'payments') return;
  for (const row of before ? [before, after] : [after]) {
    const periods = ctx.closedPeriods.of(String(row.supplier_uuid));
    const hit = closedPeriodOf(periods, type, row, ctx.orgTimeZone);
    if (!hit) continue;
    const { message, fields } = periodClosedRefusal(type, hit);
    throw new AppError('PERIOD_CLOSED', message, fields);
  }
}
