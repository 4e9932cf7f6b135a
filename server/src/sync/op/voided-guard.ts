import { entity, shapeOfEntity, toIsoInstant, type AccessSpec, type PushOp } from '../../../../shared';
import { rebase } from './conflict-kind';
import { invalid, type OpEnv, type Refusal } from './env';

/**
 * A voided payment is closed: no push op may change it. The one exception is a second void made before this
 * one was known (another desk voiding with another reason): that is a dispute for the conflict policy. A
 * supervisor's resolution of such a dispute does not come through push and is not refused here.
 */
export function voidedRefusal(env: OpEnv, op: PushOp): Refusal | null {
  if (op.operation !== 'update' || typeof op.data.uuid !== 'string') return null;
  const voidFields = (entity(op.entity_type).access as AccessSpec).fieldActions?.void?.fields;
  if (!voidFields) return null;
  const marker = voidFields[0]!;
  const current = env.state.get(op.entity_type, op.data.uuid);
  if (!current?.[marker]) return null;

  // Clearing the void is refused by the type's own rule, with its own message.
  if (op.data[marker] === null) return null;
  const shape = shapeOfEntity(op.entity_type);
  const same = (field: string, value: unknown) => {
    const now = current[field];
    if (shape.instants.includes(field) && typeof value === 'string' && typeof now === 'string') {
      const parsed = Date.parse(value);
      return !Number.isNaN(parsed) && toIsoInstant(new Date(parsed)) === now;
    }
    return typeof value === 'string' && typeof now === 'string' ? value.trim() === now : value === now;
  };
  const given = op.changed_fields ?? shape.updatable.filter((f) => f in op.data);
  const changes = given.filter((f) => f in op.data && !same(f, op.data[f]));
  if (changes.length === 0) return null;

  const version = typeof op.data.version === 'number' ? op.data.version : undefined;
  const base = rebase(env, op.entity_type, current.uuid, current, version);
  const voidedIn = current.field_versions[marker] ?? current.version;
  const concurrentVoid =
    !!op.data[marker] && changes.every((f) => voidFields.includes(f)) && base !== undefined && base < voidedIn;
  if (concurrentVoid) return null;
  return invalid(
    { [marker]: `is set: a voided ${entity(op.entity_type).label.one} cannot be changed` },
    `This ${entity(op.entity_type).label.one} was voided; it cannot be changed`,
  );
}
