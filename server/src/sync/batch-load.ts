import type { Kysely } from 'kysely';
import { ENTITY_TYPES, shapeOfEntity, type EntityType, type PushOp } from '../../../shared';
import type { ServerDatabase } from '../db/schema';
import type { BatchState } from './batch-state';
import { RULES } from './rules';

type OpTarget = Pick<PushOp, 'entity_type' | 'data'>;

/**
 * Loads, locked, everything a set of ops reads, with one query per table: the rows they name and the records
 * their references point at, who holds the unique values they set, and what their types' rules read.
 */
export async function loadForOps(
  trx: Kysely<ServerDatabase>,
  state: BatchState,
  ops: readonly OpTarget[],
): Promise<void> {
  const wanted = new Map<EntityType, Set<string>>();
  const unique = new Map<string, { type: EntityType; field: string; values: Set<string> }>();
  const add = (type: EntityType, uuid: unknown) => {
    if (typeof uuid !== 'string') return;
    if (!wanted.has(type)) wanted.set(type, new Set());
    wanted.get(type)!.add(uuid);
  };
  for (const op of ops) {
    const shape = shapeOfEntity(op.entity_type);
    add(op.entity_type, op.data.uuid);
    for (const { field, target } of shape.refs) add(target, op.data[field]);
    for (const field of shape.unique) {
      const value = op.data[field];
      if (typeof value !== 'string') continue;
      const key = `${op.entity_type}.${field}`;
      if (!unique.has(key)) unique.set(key, { type: op.entity_type, field, values: new Set() });
      unique.get(key)!.values.add(value.trim());
    }
  }
  await state.load(trx, wanted);
  // What follows needs the rows above but not each other: side by side (one round trip on pooled connections).
  await Promise.all([
    ...[...unique.values()].map(({ type, field, values }) => state.loadUnique(trx, type, field, values)),
    ...ENTITY_TYPES.map((type) => {
      const load = RULES[type]?.load;
      const mine = ops.filter((op) => op.entity_type === type) as PushOp[];
      return load && mine.length ? load(trx, state, mine) : undefined;
    }),
  ]);
}
