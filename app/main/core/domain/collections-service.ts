import {
  amountMinor,
  CollectionCreateSchema,
  CollectionPatchSchema,
  localDateOf,
  parseInput,
  toIsoInstant,
  validationError,
  type CollectionCreate,
  type CollectionPatch,
  type CollectionRow,
} from '../../../../shared';
import { requireCan, type CoreContext, type Executor } from './context';
import { createEntityService } from './entity-service';
import { changedFieldsOf, findEntity, writeEntity } from './entity-writer';
import { rateInForce } from './rates-service';
import { fromStored } from '../db/row-codec';
import { newRowBase, pageBounds, requireSomeChange, touched, type Page, type PageInput } from './row-base';

export interface CollectionListInput extends PageInput {
  supplier_uuid?: string;
  product_uuid?: string;
  /** Inclusive lower bound, ISO instant. */
  from?: string;
  /** Exclusive upper bound, ISO instant. */
  to?: string;
}

export function createCollectionsService(ctx: CoreContext) {
  const { db } = ctx;

  async function assertParties(exec: Executor, supplierUuid: string, productUuid: string): Promise<void> {
    const supplier = await findEntity(exec, 'suppliers', supplierUuid);
    if (!supplier || supplier.deleted_at) throw validationError({ supplier_uuid: 'is not a known supplier' });
    if (!supplier.active) throw validationError({ supplier_uuid: `supplier ${supplier.code} is inactive` });
    const product = await findEntity(exec, 'products', productUuid);
    if (!product || product.deleted_at) throw validationError({ product_uuid: 'is not a known product' });
    if (!product.active) throw validationError({ product_uuid: `product ${product.code} is inactive` });
  }

  /** Prices a collection from the rate in force on its date in the organisation's time zone. */
  async function price(exec: Executor, productUuid: string, collectedAt: string, quantityMilli: number) {
    const date = localDateOf(collectedAt, ctx.orgTimeZone);
    const rate = await rateInForce(exec, productUuid, date);
    if (!rate) throw validationError({ product_uuid: `has no rate in force on ${date}` });
    return { rate_minor: rate.rate_minor, amount_minor: amountMinor(quantityMilli, rate.rate_minor) };
  }

  const rows = createEntityService(ctx, 'collections');
  const get = rows.get;

  return {
    async create(input: CollectionCreate): Promise<CollectionRow> {
      requireCan(ctx, 'collections.create');
      const data = parseInput(CollectionCreateSchema, input);
      return ctx.write(async (trx) => {
        await assertParties(trx, data.supplier_uuid, data.product_uuid);
        const collectedAt = toIsoInstant(data.collected_at ?? ctx.now());
        const priced = await price(trx, data.product_uuid, collectedAt, data.quantity_milli);
        const { uuid, ...fields } = data;
        const row: CollectionRow = { ...newRowBase(ctx, uuid), ...fields, collected_at: collectedAt, ...priced };
        await writeEntity(trx, ctx, { type: 'collections', operation: 'create', after: row });
        return row;
      });
    },

    /** An edit that changes neither product nor date keeps the stored rate (docs/protocol.md "Rules of a type"). */
    async update(uuid: string, input: CollectionPatch): Promise<CollectionRow> {
      requireCan(ctx, 'collections.update');
      const patch = parseInput(CollectionPatchSchema, input);
      requireSomeChange(patch);
      if (patch.collected_at) patch.collected_at = toIsoInstant(patch.collected_at);
      return ctx.write(async (trx) => {
        const before = await get(uuid, trx);
        const changed = changedFieldsOf(before, patch);
        if (changed.length === 0) return before;
        const next = { ...before, ...patch };
        await assertParties(trx, next.supplier_uuid, next.product_uuid);
        const repriced = changed.includes('product_uuid') || changed.includes('collected_at');
        const priced = repriced
          ? await price(trx, next.product_uuid, next.collected_at, next.quantity_milli)
          : { rate_minor: before.rate_minor, amount_minor: amountMinor(next.quantity_milli, before.rate_minor) };
        const after: CollectionRow = { ...next, ...priced, ...touched(ctx) };
        const changedFields = changedFieldsOf(before, after).filter((f) => f !== 'updated_at' && f !== 'updated_by');
        await writeEntity(trx, ctx, { type: 'collections', operation: 'update', before, after, changedFields });
        return after;
      });
    },

    /** A wrong collection is deleted as a tombstone (supervisor), so every desk learns of it. */
    remove: (uuid: string): Promise<CollectionRow> => rows.remove(uuid),

    get: (uuid: string) => get(uuid),

    async list(input: CollectionListInput = {}): Promise<Page<CollectionRow>> {
      const { limit, offset } = pageBounds(input);
      let query = db.selectFrom('collections').where('deleted_at', 'is', null);
      if (input.supplier_uuid) query = query.where('supplier_uuid', '=', input.supplier_uuid);
      if (input.product_uuid) query = query.where('product_uuid', '=', input.product_uuid);
      if (input.from) query = query.where('collected_at', '>=', toIsoInstant(input.from));
      if (input.to) query = query.where('collected_at', '<', toIsoInstant(input.to));
      const totals = await query.select((eb) => [eb.fn.countAll<number>().as('total')]).executeTakeFirstOrThrow();
      const rows = await query
        .selectAll()
        .orderBy('collected_at', 'desc')
        .orderBy('uuid', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return { rows: rows.map((r) => fromStored('collections', r)), total: Number(totals.total) };
    },
  };
}

export type CollectionsService = ReturnType<typeof createCollectionsService>;
