import {
  AppError,
  parseInput,
  PaymentPatchSchema,
  PaymentVoidSchema,
  toIsoInstant,
  type ParsedCreateOf,
  type PaymentCreate,
  type PaymentPatch,
  type PaymentRow,
  type PaymentVoid,
  type payments,
} from '../../../../shared';
import { requireCan, type CoreContext } from './context';
import { createEntityService } from './entity-service';
import { changedFieldsOf, checkRowRules, writeEntityNow } from './entity-writer';
import { fromStored } from '../db/row-codec';
import { pageBounds, requireSomeChange, touched, type Page, type PageInput } from './row-base';

export interface PaymentListInput extends PageInput {
  supplier_uuid?: string;
  from?: string;
  to?: string;
  includeVoided?: boolean;
}

/** Payments are never deleted: a wrong one is voided with a reason and stays on the ledger. */
export function createPaymentsService(ctx: CoreContext) {
  const { db } = ctx;

  const rows = createEntityService(ctx, 'payments');
  const get = rows.get;

  /** A patch parsed with PaymentPatchSchema (by dispatch, or by `update` for other callers). */
  async function updateParsed(uuid: string, patch: PaymentPatch): Promise<PaymentRow> {
    requireCan(ctx, 'payments.update');
    requireSomeChange(patch);
    const changes = patch.paid_at ? { ...patch, paid_at: toIsoInstant(patch.paid_at) } : patch;
    // One synchronous transaction, like a create: the row read, checked and written with no await between.
    return ctx.writeNow(() => {
      const before = rows.getNow(uuid);
      if (before.voided_at) throw new AppError('VALIDATION_FAILED', 'A voided payment cannot be edited');
      const changed = changedFieldsOf(before, changes);
      if (changed.length === 0) return before;
      const after: PaymentRow = { ...before, ...changes, ...touched(ctx) };
      checkRowRules('payments', after);
      writeEntityNow(ctx, { type: 'payments', operation: 'update', before, after, changedFields: changed });
      return after;
    });
  }

  /** A void parsed with PaymentVoidSchema. */
  async function voidParsed(data: PaymentVoid): Promise<PaymentRow> {
    requireCan(ctx, 'payments.void');
    return ctx.writeNow(() => {
      const before = rows.getNow(data.uuid);
      if (before.voided_at) throw new AppError('VALIDATION_FAILED', 'This payment is already voided');
      const after: PaymentRow = { ...before, voided_at: ctx.now(), void_reason: data.reason, ...touched(ctx) };
      writeEntityNow(ctx, {
        type: 'payments',
        operation: 'update',
        action: 'void',
        before,
        after,
        changedFields: ['voided_at', 'void_reason'],
      });
      return after;
    });
  }

  // `create`, `update` and `void` parse for callers that did not (the CLI, a seed); IPC handlers take the
  // `…Parsed` ones, as dispatch has parsed with the same schemas.
  return {
    create: (input: PaymentCreate): Promise<PaymentRow> => rows.create(input),
    createParsed: (data: ParsedCreateOf<typeof payments>): Promise<PaymentRow> => rows.createParsed(data),

    async update(uuid: string, input: PaymentPatch): Promise<PaymentRow> {
      requireCan(ctx, 'payments.update');
      return updateParsed(uuid, parseInput(PaymentPatchSchema, input));
    },
    updateParsed,

    async void(input: PaymentVoid): Promise<PaymentRow> {
      requireCan(ctx, 'payments.void');
      return voidParsed(parseInput(PaymentVoidSchema, input));
    },
    voidParsed,

    get: (uuid: string) => get(uuid),

    async list(input: PaymentListInput = {}): Promise<Page<PaymentRow>> {
      const { limit, offset } = pageBounds(input);
      let query = db.selectFrom('payments').where('deleted_at', 'is', null);
      if (input.supplier_uuid) query = query.where('supplier_uuid', '=', input.supplier_uuid);
      if (input.from) query = query.where('paid_at', '>=', toIsoInstant(input.from));
      if (input.to) query = query.where('paid_at', '<', toIsoInstant(input.to));
      if (!input.includeVoided) query = query.where('voided_at', 'is', null);
      const totals = await query.select((eb) => [eb.fn.countAll<number>().as('total')]).executeTakeFirstOrThrow();
      const rows = await query
        .selectAll()
        .orderBy('paid_at', 'desc')
        .orderBy('uuid', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return { rows: rows.map((r) => fromStored('payments', r)), total: Number(totals.total) };
    },
  };
}
