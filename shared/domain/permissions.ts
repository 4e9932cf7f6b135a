import { AppError } from '../errors';
import type { AccessSpec, Operation } from './entity-kit';
import { entity, entityTypeOf, type EntityType, type Registry } from './registry';
import { roleAtLeast, type Role } from './roles';

/**
 * "May this role do X?", asked the same way by the server, the desk's services and the screens. Entity actions
 * come from the registry's `access`; the few actions on things that are not entities are listed here.
 */
const APP_ACTIONS = {
  'conflicts.list': { role: 'supervisor', says: 'list conflicts' },
  'conflicts.resolve': { role: 'supervisor', says: 'resolve conflicts' },
  'conflicts.reopen': { role: 'supervisor', says: 'reopen conflicts' },
  'settlements.run': { role: 'supervisor', says: 'run settlements' },
  'settlements.approve': { role: 'supervisor', says: 'approve settlement runs' },
  'settlements.pay': { role: 'supervisor', says: 'record settlement payouts' },
} as const satisfies Record<string, { role: Role; says: string }>;

type FieldActionsOf<T extends EntityType> = Registry[T]['access'] extends { fieldActions: infer A }
  ? keyof A & string
  : never;
type EntityActionOf<T extends EntityType> = Operation | FieldActionsOf<T>;
/** "payments.void", "products.create"… */
export type EntityAction = { [T in EntityType]: `${T}.${EntityActionOf<T>}` }[EntityType];
type AppAction = keyof typeof APP_ACTIONS;
export type Action = EntityAction | AppAction;

interface Rule {
  /** null: nobody may (payments are never deleted). */
  role: Role | null;
  says: string;
  never?: string;
}

function ruleOf(action: Action): Rule {
  if (Object.hasOwn(APP_ACTIONS, action)) return APP_ACTIONS[action as AppAction];
  const dot = action.lastIndexOf('.');
  const type = entityTypeOf(action.slice(0, dot));
  const name = action.slice(dot + 1);
  const { access, label } = entity(type) as { access: AccessSpec; label: { many: string } };
  const says = access.says ?? `${name} ${type}`;
  if (access.serverOnly) {
    const many = label.many[0]!.toUpperCase() + label.many.slice(1);
    return { role: null, says, never: `${many} are ${access.serverOnly}` };
  }
  if (name === 'create' || name === 'update') return { role: access[name], says };
  if (name === 'delete') {
    if (typeof access.delete === 'string') return { role: access.delete, says };
    const many = label.many[0]!.toUpperCase() + label.many.slice(1);
    return { role: null, says, never: `${many} are never deleted; ${access.delete.never}` };
  }
  const fieldAction = access.fieldActions?.[name];
  if (!fieldAction) throw new Error(`Unknown action ${action}`);
  return { role: fieldAction.role, says };
}

/** The least role that may do it, or null when nobody may. */
export function roleFor(action: Action): Role | null {
  return ruleOf(action).role;
}

export function can(role: Role | null | undefined, action: Action): boolean {
  const needed = ruleOf(action).role;
  return !!role && needed !== null && roleAtLeast(role, needed);
}

/** Why the action is refused to `role`, with the protocol's code; null when it is allowed. */
export function refusal(
  role: Role | null | undefined,
  action: Action,
): { code: 'FORBIDDEN' | 'VALIDATION_FAILED'; message: string } | null {
  if (can(role, action)) return null;
  const rule = ruleOf(action);
  if (rule.never) return { code: 'VALIDATION_FAILED', message: rule.never };
  return { code: 'FORBIDDEN', message: `Only a ${rule.role} may ${rule.says}` };
}

export function assertCan(role: Role | null | undefined, action: Action): void {
  const refused = refusal(role, action);
  if (refused) throw new AppError(refused.code, refused.message);
}

/** The action a pushed op asks for: an update that writes a field action's fields is that action (a void). */
export function opAction(type: EntityType, operation: Operation, data: Record<string, unknown>): EntityAction {
  if (operation === 'update') {
    const fieldActions = (entity(type).access as AccessSpec).fieldActions ?? {};
    for (const [name, { fields }] of Object.entries(fieldActions)) {
      if (fields.some((f) => f in data)) return `${type}.${name}` as EntityAction;
    }
  }
  return `${type}.${operation}` as EntityAction;
}
