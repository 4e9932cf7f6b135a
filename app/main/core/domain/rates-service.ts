import {
  amountMinor,
  dateField,
  parseInput,
  uuidField,
  type ParsedCreateOf,
  type ProductRateCreate,
  type ProductRateRow,
  type productRates,
} from '../../../../shared';
import type { Quote } from '../../../../shared/ipc/types';
import type { CoreContext, Executor } from './context';
import { createEntityService } from './entity-service';
import { versionInForce } from './in-force';
import { fromStored } from '../db/row-codec';

/** The rate row in force for a product on a local date. */
export function rateInForce(exec: Executor, productUuid: string, date: string): Promise<ProductRateRow | undefined> {
  return versionInForce(exec, 'product_rates', productUuid, date);
}

/** What a collection of this quantity would pay on that date, or why it cannot be priced. */
export async function quoteCollection(
  exec: Executor,
  productUuid: string,
  date: string,
  quantityMilli?: number,
): Promise<Quote> {
  const rate = await rateInForce(exec, productUuid, date);
  if (!rate) return { rate_minor: null, amount_minor: null, date, problem: `No rate in force on ${date}` };
  return {
    rate_minor: rate.rate_minor,
    amount_minor: quantityMilli ? amountMinor(quantityMilli, rate.rate_minor) : null,
    date,
    problem: null,
  };
}

export function createRatesService(ctx: CoreContext) {
  const { db } = ctx;
  const rows = createEntityService(ctx, 'product_rates');

  return {
    /** Sets a product's rate from a date on; earlier collections keep the rate they were priced at. */
    set: (input: ProductRateCreate): Promise<ProductRateRow> => rows.create(input),
    setParsed: (data: ParsedCreateOf<typeof productRates>): Promise<ProductRateRow> => rows.createParsed(data),

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
