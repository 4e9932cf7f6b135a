import { opAction, refusal, type PushOp, type Role } from '../../../../shared';
import { invalid, type Refusal } from './env';

/**
 * The role check of an op, from the registry (shared/domain/permissions.ts): clerks keep the books; reference
 * data, voids and deletes need a supervisor; what nobody may do (delete a payment) is refused as invalid.
 */
export function checkPermission(role: Role, op: PushOp): Refusal | null {
  const refused = refusal(role, opAction(op.entity_type, op.operation, op.data));
  if (!refused) return null;
  if (refused.code === 'FORBIDDEN') return { status: 403, code: 'FORBIDDEN', message: refused.message };
  return invalid({ operation: `${op.entity_type} cannot be ${op.operation}d` }, refused.message);
}
