import {
  dateField,
  parseInput,
  ProductRateCreateSchema,
  uuidField,
  validationError,
  type ProductRateCreate,
  type ProductRateRow,
} from '../../../../shared';
import { requireRole, type CoreContext, type Executor } from './context';
import { findEntity, writeEntity } from './entity-writer';
import { fromStored } from './row-codec';
import { newRowBase } from './row-base';

/** The rate row in force for a product on a date: the latest effective_from on or before it. */
export async function rateInForce(
  exec: Executor,
  productUuid: string,
  date: string,
): Promise<ProductRateRow | undefined> {
  const stored = await exec
    .selectFrom('product_rates')
    .selectAll()
    .where('product_uuid', '=', productUuid)
    .where('effective_from', '<=', date)
    .where('deleted_at', 'is', null)
    // Two rates from the same day: the later-made one (UUIDv7 orders by creation) stands.
    .orderBy('effective_from', 'desc')
    .orderBy('uuid', 'desc')
    .limit(1)
    .executeTakeFirst();
  return stored ? fromStored('product_rates', stored) : undefined;
}

export function createRatesService(ctx: CoreContext) {
  const { db } = ctx;

  return {
    /** Sets a product's rate from a date on; earlier collections keep the rate they were priced at. */
    async set(input: ProductRateCreate): Promise<ProductRateRow> {
      requireRole(ctx, 'supervisor', 'set rates');
      const data = parseInput(ProductRateCreateSchema, input);
      return ctx.write(async (trx) => {
        const product = await findEntity(trx, 'products', data.product_uuid);
        if (!product || product.deleted_at) throw validationError({ product_uuid: 'is not a known product' });
        const { uuid, ...fields } = data;
        const row: ProductRateRow = { ...newRowBase(ctx, uuid), ...fields };
        await writeEntity(trx, ctx, { type: 'product_rates', operation: 'create', after: row });
        return row;
      });
    },

    async inForce(productUuid: string, date: string): Promise<ProductRateRow | undefined> {
      parseInput(uuidField, productUuid);
      parseInput(dateField, date);
      return rateInForce(db, productUuid, date);
    },

    async list(productUuid: string): Promise<ProductRateRow[]> {
      parseInput(uuidField, productUuid);
      const rows = await db
        .selectFrom('product_rates')
        .selectAll()
        .where('product_uuid', '=', productUuid)
        .where('deleted_at', 'is', null)
        .orderBy('effective_from', 'desc')
        .orderBy('uuid', 'desc')
        .execute();
      return rows.map((r) => fromStored('product_rates', r));
    },
  };
}

export type RatesService = ReturnType<typeof createRatesService>;
