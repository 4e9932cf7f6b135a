import type { Kysely } from 'kysely';
import type { EntityType, PushOp } from '../../../../shared';
import type { ServerDatabase } from '../../db/schema';
import type { BatchState } from '../batch-state';
import type { OpEnv, Refusal, Values } from '../op/env';
import type { ServerRow } from '../rows';
import { collectionRules } from './collections';
import { paymentRules } from './payments';
import { rowRules } from './pay-run-rules';
import { withPeriodClose } from './period-close';
import { withAdjustments } from './adjustments';

/**
 * Rules an entity type has beyond its registry entry, which the generic push steps call. A type without
 * rules of its own needs no entry here.
 */
export interface EntityRules {
  /** Loads what the rules read before the batch runs (the rates of the products collections name). */
  load?(trx: Kysely<ServerDatabase>, state: BatchState, ops: readonly PushOp[]): Promise<void>;
  /** Refuses an update the type forbids, before conflicts are looked for (un-voiding a payment). */
  checkUpdate?(values: Values, current: ServerRow): Refusal | null;
  /** Works out the computed fields of a row about to be written; `current` is null for a create. */
  compute?(env: OpEnv, next: Values, current: ServerRow | null): Refusal | null;
}

export const RULES: Partial<Record<EntityType, EntityRules>> = {
  suppliers: rowRules('suppliers'),
  collections: withPeriodClose('collections', withAdjustments('collections', collectionRules)),
  payments: withPeriodClose('payments', withAdjustments('payments', paymentRules)),
  charges: rowRules('charges'),
  supplier_credits: rowRules('supplier_credits'),
};
