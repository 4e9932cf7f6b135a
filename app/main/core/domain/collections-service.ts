import {
  AppError,
  COLLECTION_VOID_ACTION,
  CollectionEntrySchema,
  CollectionVoidSchema,
  CollectionPatchSchema,
  localDateOf,
  parseInput,
  priceCollectionAdjustment,
  priceCollectionByRate,
  priceCollectionByRule,
  ruleVersionOf,
  shapeOfEntity,
  SHIFT_LABELS,
  toIsoInstant,
  validationError,
  type CollectionEntry,
  type CollectionPatch,
  type CollectionPriced,
  type CollectionRow,
  type CollectionVoid,
} from '../../../../shared';
import type { z } from 'zod';
import { requireCan, type CoreContext, type Executor } from './context';
import { createEntityService } from './entity-service';
import { changedFieldsOf, checkRowRules, findEntity, writeEntity } from './entity-writer';
import { ruleInForce, storedRule } from './pricing-rules-service';
import { rateInForce } from './rates-service';
import { fromStored } from '../db/row-codec';
import { newRowBase, pageBounds, requireSomeChange, touched, type Page, type PageInput } from './row-base';

/** What CollectionEntrySchema hands on. */
type ParsedCollectionEntry = z.output<typeof CollectionEntrySchema>;

type PricingFields = Omit<
  CollectionRow,
  'uuid' | 'version' | 'created_at' | 'updated_at' | 'deleted_at' | 'created_by' | 'updated_by' | keyof CollectionPriced
> & { quantity_milli?: number };

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

  /**
   * Prices a collection: by the pricing rule version it keeps (`keepRule`), else by the version in force on its
   * local date; with no rule, by the product's plain rate (`keepRate` when an edit keeps the stored rate).
   */
  async function price(
    exec: Executor,
    row: PricingFields,
    pin: { keepRule?: string | null; keepRate?: number },
  ): Promise<CollectionPriced & { rule_version_uuid: string | null }> {
    if (row.adjusts_uuid) return priceAdjustment(exec, row);
    const date = localDateOf(row.collected_at, ctx.orgTimeZone);
    let rule = pin.keepRule ? await storedRule(exec, pin.keepRule) : undefined;
    if (!rule && pin.keepRule === undefined) {
      const inForce = await ruleInForce(exec, row.product_uuid, date);
      rule = inForce ? ruleVersionOf(inForce) : undefined;
    }
    if (rule) {
      const priced = priceCollectionByRule(rule, row);
      if (!priced.ok) throw validationError(priced.errors);
      return { ...priced.priced, rule_version_uuid: rule.uuid };
    }
    let rateMinor = pin.keepRate;
    if (rateMinor === undefined) {
      const rate = await rateInForce(exec, row.product_uuid, date);
      if (!rate) throw validationError({ product_uuid: `has no rate in force on ${date}` });
      rateMinor = rate.rate_minor;
    }
    const priced = priceCollectionByRate(rateMinor, row);
    if (!priced.ok) throw validationError(priced.errors);
    return { ...priced.priced, rule_version_uuid: null };
  }

  /** An adjustment: the difference at the corrected collection's rate, as the server prices it (docs/pay-runs.md). */
  async function priceAdjustment(
    exec: Executor,
    row: PricingFields,
  ): Promise<CollectionPriced & { rule_version_uuid: null }> {
    const original = await findEntity(exec, 'collections', row.adjusts_uuid!);
    if (!original || original.deleted_at) throw validationError({ adjusts_uuid: 'is not a known collection' });
    if (original.supplier_uuid !== row.supplier_uuid)
      throw validationError({ adjusts_uuid: 'is a collection of another supplier' });
    if (original.product_uuid !== row.product_uuid)
      throw validationError({ product_uuid: 'must be the product of the collection it adjusts' });
    const quantity = row.quantity_milli ?? 0;
    return {
      quantity_milli: quantity,
      ...priceCollectionAdjustment(original, quantity),
      rule_version_uuid: null,
    };
  }

  /** One delivery of a product per supplier per shift and day, unless the clerk confirmed a second. */
  async function assertOnePerShift(exec: Executor, row: CollectionRow): Promise<void> {
    if (row.shift === null || row.second_delivery || row.deleted_at) return;
    const date = localDateOf(row.collected_at, ctx.orgTimeZone);
    const day = Date.parse(row.collected_at);
    const near = await exec
      .selectFrom('collections')
      .select(['uuid', 'collected_at'])
      .where('supplier_uuid', '=', row.supplier_uuid)
      .where('product_uuid', '=', row.product_uuid)
      .where('shift', '=', row.shift)
      .where('uuid', '!=', row.uuid)
      .where('deleted_at', 'is', null)
      .where('collected_at', '>=', new Date(day - 36 * 3_600_000).toISOString())
      .where('collected_at', '<', new Date(day + 36 * 3_600_000).toISOString())
      .execute();
    if (near.some((c) => localDateOf(c.collected_at, ctx.orgTimeZone) === date))
      throw validationError({
        second_delivery: `this supplier already delivered this product in the ${SHIFT_LABELS[row.shift].toLowerCase()} shift on ${date}: confirm a second delivery`,
      });
  }

  const rows = createEntityService(ctx, 'collections');
  const get = rows.get;

  /** An entry parsed with CollectionEntrySchema (by dispatch, or by `create` for other callers). */
  async function createParsed(data: ParsedCollectionEntry): Promise<CollectionRow> {
    requireCan(ctx, 'collections.create');
    return ctx.write(async (trx) => {
      await assertParties(trx, data.supplier_uuid, data.product_uuid);
      const supplier = await findEntity(trx, 'suppliers', data.supplier_uuid);
      const { uuid, ...fields } = data;
      const inputs = {
        ...fields,
        collected_at: toIsoInstant(data.collected_at ?? ctx.now()),
        // A delivery is priced where the supplier belongs unless the clerk names the place.
        route_uuid: fields.route_uuid ?? supplier?.route_uuid ?? null,
        centre_uuid: fields.centre_uuid ?? supplier?.centre_uuid ?? null,
      };
      const priced = await price(trx, inputs, {});
      const row: CollectionRow = { ...newRowBase(ctx, uuid), ...inputs, ...priced };
      await assertOnePerShift(trx, row);
      await writeEntity(trx, ctx, { type: 'collections', operation: 'create', after: row });
      return row;
    });
  }

  /** An edit that changes neither product nor date keeps the stored rate (docs/protocol.md "Rules of a type"). */
  async function updateParsed(uuid: string, changes: CollectionPatch): Promise<CollectionRow> {
    requireCan(ctx, 'collections.update');
    requireSomeChange(changes);
    const patch = changes.collected_at ? { ...changes, collected_at: toIsoInstant(changes.collected_at) } : changes;
    return ctx.write(async (trx) => {
      const before = await get(uuid, trx);
      const changed = changedFieldsOf(before, patch);
      if (changed.length === 0) return before;
      const next = { ...before, ...patch };
      await assertParties(trx, next.supplier_uuid, next.product_uuid);
      // A new product or date finds its rule or rate again; otherwise the stored version (or rate) prices it.
      const moved = changed.includes('product_uuid') || changed.includes('collected_at');
      const priced = await price(
        trx,
        next,
        moved
          ? {}
          : before.rule_version_uuid
            ? { keepRule: before.rule_version_uuid }
            : { keepRule: null, keepRate: before.rate_minor },
      );
      const after: CollectionRow = { ...next, ...priced, ...touched(ctx) };
      checkRowRules('collections', after);
      await assertOnePerShift(trx, after);
      // What the user changed; the computed fields (rate, amount, tare) travel in the row and the server works
      // them out again, so a push never names them.
      const updatable = shapeOfEntity('collections').updatable;
      const changedFields = changedFieldsOf(before, after).filter((f) => updatable.includes(f));
      await writeEntity(trx, ctx, { type: 'collections', operation: 'update', before, after, changedFields });
      return after;
    });
  }

  /**
   * A supervisor's void: the collection's tombstone (so it leaves balances, reports and pay runs on every desk and
   * the server), audited as "void" with its reason. Pushed as the registry's delete, which the server allows only
   * a supervisor; in a closed period the server refuses it and the desk offers the adjustment instead.
   */
  async function voidParsed(data: CollectionVoid): Promise<CollectionRow> {
    requireCan(ctx, COLLECTION_VOID_ACTION);
    return ctx.write(async (trx) => {
      const found = await findEntity(trx, 'collections', data.uuid);
      if (found?.deleted_at) throw new AppError('VALIDATION_FAILED', 'This collection is already voided');
      const before = await get(data.uuid, trx);
      const after: CollectionRow = { ...before, deleted_at: ctx.now(), ...touched(ctx) };
      await writeEntity(trx, ctx, {
        type: 'collections',
        operation: 'delete',
        action: 'void',
        reason: data.reason,
        before,
        after,
        changedFields: ['deleted_at'],
      });
      return after;
    });
  }

  // `create` and `update` parse for callers that did not (the CLI, a seed); IPC handlers take the `…Parsed`
  // ones, as dispatch has parsed with the same schemas.
  return {
    async create(input: CollectionEntry): Promise<CollectionRow> {
      requireCan(ctx, 'collections.create');
      return createParsed(parseInput(CollectionEntrySchema, input));
    },
    createParsed,

    async update(uuid: string, input: CollectionPatch): Promise<CollectionRow> {
      requireCan(ctx, 'collections.update');
      return updateParsed(uuid, parseInput(CollectionPatchSchema, input));
    },
    updateParsed,

    /** A wrong collection is deleted as a tombstone (supervisor), so every desk learns of it. */
    remove: (uuid: string): Promise<CollectionRow> => rows.remove(uuid),

    async void(input: CollectionVoid): Promise<CollectionRow> {
      requireCan(ctx, COLLECTION_VOID_ACTION);
      return voidParsed(parseInput(CollectionVoidSchema, input));
    },
    voidParsed,

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
