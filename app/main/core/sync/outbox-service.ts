import { AppError, parseInput } from '../../../../shared';
import type { AttentionItem } from '../../../../shared/ipc/types';
import { z } from 'zod';
import type { CoreContext } from '../domain/context';
import { discardOp, listOps, resendOp } from './outbox';

const DiscardSchema = z.strictObject({
  op_id: z.uuid({ error: 'must be a UUID' }),
  reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500, 'must be at most 500 characters'),
});

/** The outbox as the Sync screen sees it: what waits, what needs attention, and the fixes for it. */
export function createOutboxService(ctx: CoreContext) {
  return {
    async pending() {
      return (await listOps(ctx.db, 'pending')).map((op) => ({
        ...op,
        payload: JSON.parse(op.payload) as Record<string, unknown>,
      }));
    },

    async needsAttention(): Promise<AttentionItem[]> {
      return (await listOps(ctx.db, 'error')).map((op) => {
        const detail = (op.last_error ? JSON.parse(op.last_error) : {}) as Partial<AttentionItem>;
        return {
          op_id: op.op_id,
          entity_type: op.entity_type,
          entity_uuid: op.entity_uuid,
          operation: op.operation,
          payload: JSON.parse(op.payload) as Record<string, unknown>,
          status: detail.status ?? 0,
          code: detail.code ?? 'UNKNOWN',
          message: detail.message ?? 'The server refused this change',
          fields: detail.fields ?? null,
          created_at: op.created_at,
        };
      });
    },

    /** Corrects the refused values (if any) and queues the change again. */
    async resend(opId: string, fix: Record<string, unknown> = {}) {
      if (!ctx.session()) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      await ctx.write((trx) => resendOp(trx, ctx.rows, opId, fix, ctx.now(), ctx.session()?.userId ?? null));
    },

    async discard(input: { op_id: string; reason: string }) {
      if (!ctx.session()) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      const data = parseInput(DiscardSchema, input);
      await ctx.write((trx) =>
        discardOp(trx, ctx.rows, data.op_id, data.reason, ctx.now(), ctx.session()?.userId ?? null),
      );
    },
  };
}
