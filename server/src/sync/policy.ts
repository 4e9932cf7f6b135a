import { ENTITY_TYPES, RESOLUTIONS, type EntityType, type Resolution } from '../../../shared';

export type ConflictPolicy = Record<EntityType, Resolution>;

/** DESIGN §6: reference data → server_wins after a field merge; money → manual (never a machine's guess). */
export const DEFAULT_POLICY: ConflictPolicy = {
  suppliers: 'server_wins',
  products: 'server_wins',
  product_rates: 'server_wins',
  collections: 'manual',
  payments: 'manual',
};

/** Parses "suppliers=last_write_wins,payments=manual" over the defaults. */
export function parsePolicy(text: string | undefined): ConflictPolicy {
  const policy = { ...DEFAULT_POLICY };
  if (!text?.trim()) return policy;
  for (const part of text.split(',')) {
    const [type, resolution] = part.split('=').map((s) => s.trim());
    if (!ENTITY_TYPES.includes(type as EntityType))
      throw new Error(`CONFLICT_POLICY names an unknown entity type "${type}"`);
    if (!RESOLUTIONS.includes(resolution as Resolution)) {
      throw new Error(`CONFLICT_POLICY for ${type} must be one of ${RESOLUTIONS.join(', ')}`);
    }
    policy[type as EntityType] = resolution as Resolution;
  }
  return policy;
}
