import { entity, priceCollectionAdjustment, type EntitySpec, type PushOp } from '../../../../shared';
import { invalid, type OpEnv, type Refusal, type Values } from '../op/env';
import type { ServerRow } from '../rows';
import { closedFor } from './period-close';
import type { EntityRules } from '.';

type Adjustable = 'collections' | 'payments';

function adjustedUuids(type: Adjustable, ops: readonly PushOp[], get: (uuid: string) => ServerRow | null) {
  const wanted = new Set<string>();
  for (const op of ops) {
    if (typeof op.data.adjusts_uuid === 'string') wanted.add(op.data.adjusts_uuid);
    const current = typeof op.data.uuid === 'string' ? get(op.data.uuid) : null;
    if (typeof current?.adjusts_uuid === 'string') wanted.add(current.adjusts_uuid);
  }
  return wanted;
}

/**
 * An adjustment names a record of the same type and supplier dated in a period an approved run closed; it is
 * itself dated in the open period (the period-close rule refuses it otherwise). Each refusal names adjusts_uuid.
 */
function checkReference(env: OpEnv, type: Adjustable, next: Values): { refusal: Refusal | null; original?: ServerRow } {
  const original = env.state.get(type, next.adjusts_uuid as string);
  const what = entity(type).label.one;
  if (!original || original.deleted_at)
    return { refusal: invalid({ adjusts_uuid: `is not a known ${what}` }, `The ${what} to adjust is not known`) };
  if (original.adjusts_uuid)
    return { refusal: invalid({ adjusts_uuid: `is itself an adjustment; adjust the ${what} it corrects` }) };
  if (original.supplier_uuid !== next.supplier_uuid)
    return { refusal: invalid({ adjusts_uuid: `is a ${what} of another supplier` }) };
  if (!closedFor(env, type, original))
    return {
      refusal: invalid(
        { adjusts_uuid: `is a ${what} in an open period: edit it instead of adjusting it` },
        `Only a ${what} in a closed period is adjusted`,
      ),
    };
  return { refusal: null, original };
}

/**
 * The sign rules of the registry entry (only an adjustment may be negative), the reference an adjustment makes,
 * and a collection adjustment's price (the difference at the corrected record's rate), before the type's own
 * rules price an ordinary entry.
 */
export function withAdjustments(type: Adjustable, own: EntityRules = {}): EntityRules {
  const signs = (entity(type) as EntitySpec).rowRules!;
  return {
    async load(trx, state, ops) {
      await own.load?.(trx, state, ops);
      const wanted = adjustedUuids(type, ops, (uuid) => state.get(type, uuid));
      if (wanted.size > 0) await state.load(trx, new Map([[type, wanted]]));
    },
    ...(own.checkUpdate ? { checkUpdate: own.checkUpdate } : {}),
    compute(env, next, current) {
      if (next.deleted_at) return own.compute?.(env, next, current) ?? null;
      if (typeof next.adjusts_uuid !== 'string') {
        const errors = signs(next);
        if (Object.keys(errors).length) return invalid(errors);
        return own.compute?.(env, next, current) ?? null;
      }
      const { refusal, original } = checkReference(env, type, next);
      if (refusal) return refusal;
      if (type === 'collections') return priceAdjustment(next, original!);
      const errors = signs(next);
      return Object.keys(errors).length ? invalid(errors) : null;
    },
  };
}

/** A collection adjustment is a plain quantity: no rule, weighing or grade of its own. */
function priceAdjustment(next: Values, original: ServerRow): Refusal | null {
  const errors: Record<string, string> = { ...(entity('collections') as EntitySpec).rowRules!(next) };
  if (next.rule_version_uuid)
    errors.rule_version_uuid = 'must be empty on an adjustment (it is priced at the corrected rate)';
  if (next.gross_weight_milli !== null && next.gross_weight_milli !== undefined)
    errors.gross_weight_milli = 'must be empty on an adjustment';
  if (next.grade) errors.grade = 'must be empty on an adjustment';
  if (next.rejection_reason) errors.rejection_reason = 'must be empty on an adjustment';
  if (next.product_uuid !== original.product_uuid)
    errors.product_uuid = 'must be the product of the collection it adjusts';
  if (Object.keys(errors).length) return invalid(errors);
  try {
    Object.assign(
      next,
      priceCollectionAdjustment(
        {
          quantity_milli: original.quantity_milli as number,
          rate_minor: original.rate_minor as number,
          amount_minor: original.amount_minor as number,
        },
        next.quantity_milli as number,
      ),
    );
  } catch {
    return invalid({ quantity_milli: 'makes an amount too large to hold' });
  }
  return null;
}
