import {
  dateField,
  parseInput,
  ruleVersionOf,
  uuidField,
  type ParsedCreateOf,
  type PricingRuleCreate,
  type PricingRuleRow,
  type PricingRuleVersion,
  type pricingRules,
} from '../../../../shared';
import type { CoreContext, Executor } from './context';
import { createEntityService } from './entity-service';
import { versionInForce } from './in-force';
import { fromStored } from '../db/row-codec';

/** The pricing rule version in force for a product on a local date (chosen as rates are). */
export function ruleInForce(exec: Executor, productUuid: string, date: string): Promise<PricingRuleRow | undefined> {
  return versionInForce(exec, 'pricing_rules', productUuid, date);
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
    createParsed: (data: ParsedCreateOf<typeof pricingRules>): Promise<PricingRuleRow> => rows.createParsed(data),

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
