import { entity, type EntitySpec, type EntityType } from '../../../../shared';
import { invalid } from '../op/env';
import type { EntityRules } from '.';

/**
 * The registry entry's rules across fields (a per-unit charge names its product, a supplier paid by bank has an
 * account), checked on the whole row as it would be written: a create, or a row merged with an edit.
 */
export function rowRules(type: EntityType): EntityRules {
  const rules = (entity(type) as EntitySpec).rowRules;
  return {
    compute(_env, next) {
      if (!rules || next.deleted_at) return null;
      const errors = rules(next);
      return Object.keys(errors).length ? invalid(errors) : null;
    },
  };
}
