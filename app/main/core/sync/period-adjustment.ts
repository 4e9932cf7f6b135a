import { AppError, localDateOf, PERIOD_DATE_FIELD } from '../../../../shared';
import type { CoreContext } from '../domain/context';
import { resendOp } from './outbox';
import { adjustClosedRecord } from './adjustment-entry';

const WHAT = { collections: 'delivery', payments: 'payment' } as const;

/**
 * A change the server refused because its record is in a period an approved run closed becomes an adjustment
 * (docs/pay-runs.md "Adjustments"). A new collection or payment: the same entry dated now (in the open period),
 * its notes saying what date it was for and which run closed that period. An edit of the quantity or amount, a
 * void or a delete of a closed record: a new entry dated now for the difference (or the reversal), linked to the
 * record by adjusts_uuid; the refused op is resolved. The next run pays or deducts it.
 */
export function createPeriodAdjustments(ctx: CoreContext) {
  return {
    async adjust(opId: string): Promise<{ notes: string; adjustment_uuid?: string }> {
      if (!ctx.session()) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      return ctx.write(async (trx) => {
        const op = await trx.selectFrom('outbox').selectAll().where('op_id', '=', opId).executeTakeFirst();
        if (!op) throw new AppError('NOT_FOUND', 'That change is no longer in the queue');
        const refusal = op.last_error ? (JSON.parse(op.last_error) as { code?: string; message?: string }) : {};
        const type = op.entity_type;
        if (
          op.status !== 'error' ||
          refusal.code !== 'PERIOD_CLOSED' ||
          (type !== 'collections' && type !== 'payments')
        )
          throw new AppError(
            'VALIDATION_FAILED',
            'Only a change of a collection or payment refused for a closed period can become an adjustment',
          );
        if (op.operation !== 'create') return adjustClosedRecord(trx, ctx, op);
        const payload = JSON.parse(op.payload) as Record<string, unknown>;
        const field = PERIOD_DATE_FIELD[type];
        const day = localDateOf(String(payload[field]), ctx.orgTimeZone);
        const run = await trx
          .selectFrom('settlement_runs as r')
          .innerJoin('settlement_lines as l', 'l.run_uuid', 'r.uuid')
          .select(['r.code'])
          .where('l.supplier_uuid', '=', String(payload.supplier_uuid))
          .where('r.status', 'in', ['approved', 'paid'])
          .where('r.period_from', '<=', day)
          .where('r.period_to', '>=', day)
          .where('l.deleted_at', 'is', null)
          .executeTakeFirst();
        const closedBy = run ? `settlement run ${run.code}` : 'an approved settlement run';
        const before = typeof payload.notes === 'string' && payload.notes ? ` — ${payload.notes}` : '';
        const notes = `Adjustment: ${WHAT[type]} of ${day}, in the period closed by ${closedBy}${before}`.slice(
          0,
          1000,
        );
        await resendOp(trx, ctx.rows, opId, { [field]: ctx.now(), notes }, ctx.now(), ctx.session()?.userId ?? null);
        return { notes };
      });
    },
  };
}
