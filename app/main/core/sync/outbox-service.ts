import { AppError } from '../../../../shared';
import type { DiscardInput } from '../../../../shared/ipc/inputs';
import type { AttentionItem } from '../../../../shared/ipc/types';
import type { CoreContext } from '../domain/context';
import { findEntity } from '../domain/entity-writer';
import { assertPeriodOpen } from '../domain/period-open';
import { countPendingBy, discardOp, listOps, resendOp } from './outbox';
import { readOutboxNote } from './outbox-note';

/** The outbox as the Sync screen sees it: what waits, what needs attention, and the fixes for it. */
export function createOutboxService(ctx: CoreContext) {
  return {
    /** Pending ops authored by this user (those stopped with an error are shown under "needs attention"). */
    unsentBy: (userId: string) => countPendingBy(ctx.db, userId),
    async pending() {
      return (await listOps(ctx.db, 'pending')).map((op) => ({
        ...op,
        payload: JSON.parse(op.payload) as Record<string, unknown>,
      }));
    },

    async needsAttention(): Promise<AttentionItem[]> {
      return (await listOps(ctx.db, 'error')).map((op) => {
        const note = readOutboxNote(op.last_error);
        return {
          op_id: op.op_id,
          entity_type: op.entity_type,
          entity_uuid: op.entity_uuid,
          operation: op.operation,
          payload: JSON.parse(op.payload) as Record<string, unknown>,
          ...note,
          created_at: op.created_at,
        };
      });
    },

    /** Corrects the refused values (if any) and queues the change again. */
    async resend(opId: string, fix: Record<string, unknown> = {}) {
      if (!ctx.session()) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      await ctx.write(async (trx) => {
        const sent = await resendOp(trx, ctx.rows, opId, fix, ctx.now(), ctx.session()?.userId ?? null);
        // A correction is an edit like any other: it may not move the record into a period the desk knows closed.
        const row = sent.fixed ? await findEntity(trx, sent.type, sent.uuid) : undefined;
        if (row) assertPeriodOpen(ctx, sent.type, undefined, row);
      });
    },

    async discard(input: DiscardInput) {
      if (!ctx.session()) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      await ctx.write((trx) =>
        discardOp(trx, ctx.rows, input.op_id, input.reason, ctx.now(), ctx.session()?.userId ?? null),
      );
    },
  };
}
