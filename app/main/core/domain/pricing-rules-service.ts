import {
  dateField,
  parseInput,
  ruleVersionOf,
  uuidField,
  type PricingRuleCreate,
  type PricingRuleRow,
  type PricingRuleVersion,
} from '../../../../shared';
import type { CoreContext, Executor } from './context';
import { createEntityService } from './entity-service';
import { fromStored } from '../db/row-codec';

/** The pricing rule version in force for a product on a local date: as for rates, latest date, then later-made. */
export async function ruleInForce(
  exec: Executor,
  productUuid: string,
  date: string,
): Promise<PricingRuleRow | undefined> {
  const stored = await exec
    .selectFrom('pricing_rules')
    .selectAll()
    .where('product_uuid', '=', productUuid)
    .where('effective_from', '<=', date)
    .where('deleted_at', 'is', null)
    .orderBy('effective_from', 'desc')
    .orderBy('uuid', 'desc')
    .limit(1)
    .executeTakeFirst();
  return stored ? fromStored('pricing_rules', stored) : undefined;
}

/** The version a stored collection names, even one withdrawn since: re-pricing never reads "the latest". */
export async function storedRule(exec: Executor, uuid: string): Promise<PricingRuleVersion | undefined> {
  const stored = await exec.selectFrom('pricing_rules').selectAll().where('uuid', '=', uuid).executeTakeFirst();
  return stored ? ruleVersionOf(fromStored('pricing_rules', stored)) : undefined;
}

export function createPricingRulesService(ctx: CoreContext) {
  const { db } = ctx;
  const rows = createEntityService(ctx, 'pricing_rules');

  return {
    /** A new rule version from a date on (supervisor); earlier collections keep the version they were priced by. */
    create: (input: PricingRuleCreate): Promise<PricingRuleRow> => rows.create(input),

    /** Withdraws a version: collections priced by it keep it. */
    remove: (uuid: string): Promise<PricingRuleRow> => rows.remove(uuid),

    async inForce(productUuid: string, date: string): Promise<PricingRuleRow | undefined> {
      parseInput(uuidField, productUuid);
      parseInput(dateField, date);
      return ruleInForce(db, productUuid, date);
    },

    /** A product's versions, newest first; withdrawn ones too when asked, as old collections still name them. */
    async list(productUuid: string, options: { includeWithdrawn?: boolean } = {}): Promise<PricingRuleRow[]> {
      parseInput(uuidField, productUuid);
      let query = db.selectFrom('pricing_rules').selectAll().where('product_uuid', '=', productUuid);
      if (!options.includeWithdrawn) query = query.where('deleted_at', 'is', null);
      const stored = await query.orderBy('effective_from', 'desc').orderBy('uuid', 'desc').execute();
      return stored.map((r) => fromStored('pricing_rules', r));
    },
  };
}

export type PricingRulesService = ReturnType<typeof createPricingRulesService>;
