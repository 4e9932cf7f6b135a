import { shapeOfEntity, kindOfField, type ConflictType, type EntityType } from '../../../../shared';
import type { ServerRow } from '../rows';
import type { Values } from './env';

/**
 * Ops that do not say what they were based on. Money is never overwritten on trust: an update of a type that
 * holds money, with neither `version` nor `updated_at`, is taken as based on version 0 (so any change since is
 * a conflict for the policy); a create of a uuid that exists with other values is a dispute, not a no-op.
 */
export function implicitBase(type: EntityType, updatedAt: string | undefined): number | undefined {
  if (updatedAt !== undefined) return undefined;
  return shapeOfEntity(type).fields.some((f) => kindOfField(type, f) === 'money') ? 0 : undefined;
}

/** The conflict a create of an existing uuid meets, or null when it carries the values the row has. */
export function createDispute(existing: ServerRow, values: Values): ConflictType | null {
  if (existing.deleted_at) return 'deleted';
  const differs = Object.entries(values).some(([field, value]) => !sameValue(existing[field], value));
  return differs ? 'version' : null;
}

function sameValue(stored: unknown, given: unknown): boolean {
  if (typeof stored === 'number' || typeof given === 'number') return Number(stored) === Number(given);
  return stored === given;
}
