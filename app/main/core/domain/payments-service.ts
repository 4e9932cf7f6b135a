import {
  AppError,
  notFound,
  parseInput,
  PaymentCreateSchema,
  PaymentPatchSchema,
  PaymentVoidSchema,
  toIsoInstant,
  uuidField,
  validationError,
  type PaymentCreate,
  type PaymentPatch,
  type PaymentRow,
  type PaymentVoid,
} from '../../../../shared';
import { requireRole, requireSession, type CoreContext, type Executor } from './context';
import { changedFieldsOf, findEntity, writeEntity } from './entity-writer';
import { fromStored } from './row-codec';
import { newRowBase, pageBounds, requireSomeChange, touched, type Page, type PageInput } from './row-base';

export interface PaymentListInput extends PageInput {
  supplier_uuid?: string;
  from?: string;
  to?: string;
  includeVoided?: boolean;
}

/** Payments are never deleted: a wrong one is voided with a reason and stays on the ledger. */
export function createPaymentsService(ctx: CoreContext) {
  const { db } = ctx;

  async function get(uuid: string, exec: Executor = db): Promise<PaymentRow> {
    parseInput(uuidField, uuid);
    const row = await findEntity(exec, 'payments', uuid);
    if (!row || row.deleted_at) throw notFound('Payment');
    return row;
  }

  async function assertSupplier(exec: Executor, supplierUuid: string): Promise<void> {
    const supplier = await findEntity(exec, 'suppliers', supplierUuid);
    if (!supplier || supplier.deleted_at) throw validationError({ supplier_uuid: 'is not a known supplier' });
  }

  return {
    async create(input: PaymentCreate): Promise<PaymentRow> {
      requireSession(ctx);
      const data = parseInput(PaymentCreateSchema, input);
      return ctx.write(async (trx) => {
        await assertSupplier(trx, data.supplier_uuid);
        const { uuid, ...fields } = data;
        const row: PaymentRow = {
          ...newRowBase(ctx, uuid),
          ...fields,
          paid_at: toIsoInstant(data.paid_at ?? ctx.now()),
          voided_at: null,
          void_reason: null,
        };
        await writeEntity(trx, ctx, { type: 'payments', operation: 'create', after: row });
        return row;
      });
    },

    async update(uuid: string, input: PaymentPatch): Promise<PaymentRow> {
      requireSession(ctx);
      const patch = parseInput(PaymentPatchSchema, input);
      requireSomeChange(patch);
      if (patch.paid_at) patch.paid_at = toIsoInstant(patch.paid_at);
      return ctx.write(async (trx) => {
        const before = await get(uuid, trx);
        if (before.voided_at) throw new AppError('VALIDATION_FAILED', 'A voided payment cannot be edited');
        const changed = changedFieldsOf(before, patch);
        if (changed.length === 0) return before;
        const after: PaymentRow = { ...before, ...patch, ...touched(ctx) };
        await writeEntity(trx, ctx, { type: 'payments', operation: 'update', before, after, changedFields: changed });
        return after;
      });
    },

    async void(input: PaymentVoid): Promise<PaymentRow> {
      requireRole(ctx, 'supervisor', 'void payments');
      const data = parseInput(PaymentVoidSchema, input);
      return ctx.write(async (trx) => {
        const before = await get(data.uuid, trx);
        if (before.voided_at) throw new AppError('VALIDATION_FAILED', 'This payment is already voided');
        const after: PaymentRow = { ...before, voided_at: ctx.now(), void_reason: data.reason, ...touched(ctx) };
        await writeEntity(trx, ctx, {
          type: 'payments',
          operation: 'update',
          action: 'void',
          before,
          after,
          changedFields: ['voided_at', 'void_reason'],
        });
        return after;
      });
    },

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

export type PaymentsService = ReturnType<typeof createPaymentsService>;
