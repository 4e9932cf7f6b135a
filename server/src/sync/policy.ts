import { DEFAULT_POLICY, ENTITY_TYPES, RESOLUTIONS, type EntityType, type Resolution } from '../../../shared';
import type { ConflictPolicy } from './op/env';

export type { ConflictPolicy } from './op/env';
/** docs/protocol.md "Conflicts in a push", per type in the registry: reference data → server_wins after a field merge; money → manual. */
export { DEFAULT_POLICY };

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
