import { entity, shapeOfEntity, type EntityType } from '../../../../shared';
import type { FieldProblems, OpEnv, Values } from './env';

/** References name live records of their types, and unique values (codes) are not another row's. */
export function integrityProblems(env: OpEnv, type: EntityType, uuid: string, values: Values): FieldProblems | null {
  const problems: FieldProblems = {};
  const shape = shapeOfEntity(type);
  for (const { field, target } of shape.refs) {
    if (!(field in values)) continue;
    const ref = values[field];
    // An optional reference left empty (a charge on every product); the schema decided null is allowed.
    if (ref === null && shape.nullable.includes(field)) continue;
    const row = typeof ref === 'string' ? env.state.get(target, ref) : null;
    if (!row || row.deleted_at) problems[field] = `is not a known ${entity(target).label.one}`;
  }
  for (const field of shape.unique) {
    const value = values[field];
    if (typeof value !== 'string') continue;
    const holder = env.state.holderOf(type, field, value);
    if (holder && holder !== uuid) problems[field] = `is already used by another ${entity(type).label.one}`;
  }
  return Object.keys(problems).length ? problems : null;
}
