import type { EntityType, Operation, Role } from '../../../shared';

/** PROTOCOL.md "Permissions": clerks keep the books; reference data, voids and deletes need a supervisor. */
export function roleNeeded(type: EntityType, operation: Operation, data: Record<string, unknown>): Role {
  if (type === 'products' || type === 'product_rates') return 'supervisor';
  if (operation === 'delete') return 'supervisor';
  if (type === 'payments' && operation === 'update' && ('voided_at' in data || 'void_reason' in data))
    return 'supervisor';
  return 'clerk';
}

export function actionName(type: EntityType, operation: Operation, data: Record<string, unknown>): string {
  if (type === 'payments' && ('voided_at' in data || 'void_reason' in data)) return 'void payments';
  if (type === 'products') return 'manage products';
  if (type === 'product_rates') return 'set rates';
  return `${operation} ${type}`;
}
