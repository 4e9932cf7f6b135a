import type { Kysely, Transaction } from 'kysely';
import {
  can,
  entityTypeOf,
  opAction,
  REFERENCE_FIELDS,
  ROLES,
  RoleSchema,
  type Operation,
  type Role,
} from '../../../../shared';
import type { LocalDatabase } from '../db/schema';

type Exec = Kysely<LocalDatabase> | Transaction<LocalDatabase>;

/** Decides, per pending op, whether it must wait for another user (true) or may go out with this token. */
export type HoldRule = (op: {
  entity_type: string;
  operation: string;
  payload: string;
  user_id: string | null;
}) => boolean;

/**
 * The push goes out with the signed-in user's token. An op whose author may do it but the signed-in user may
 * not (a supervisor's change queued before a clerk signed in on the same desk) would be refused for its role:
 * it is held pending instead, until a permitted user signs in. The permission table is the server's own
 * (shared/domain/permissions.ts). An op nobody here may do, or of an unknown author, goes out for the server
 * to answer as before.
 */
export async function holdRule(db: Exec, signedIn: Role | null | undefined): Promise<HoldRule> {
  if (!signedIn || signedIn === ROLES.at(-1)) return () => false;
  const authors = await authorsAbove(db, signedIn);
  if (authors.size === 0) return () => false;
  return (op) => {
    const author = op.user_id ? authors.get(op.user_id) : undefined;
    if (!author) return false;
    const action = opAction(
      entityTypeOf(op.entity_type),
      op.operation as Operation,
      JSON.parse(op.payload) as Record<string, unknown>,
    );
    return can(author, action) && !can(signedIn, action);
  };
}

/** The users who signed in on this desk with a role above `role`: only their ops can be held. */
async function authorsAbove(db: Exec, role: Role): Promise<Map<string, Role>> {
  const rows = await db.selectFrom('local_users').select(['user_id', 'role']).execute();
  const above = new Map<string, Role>();
  for (const row of rows) {
    const parsed = RoleSchema.safeParse(row.role);
    if (parsed.success && ROLES.indexOf(parsed.data) > ROLES.indexOf(role)) above.set(row.user_id, parsed.data);
  }
  return above;
}

/**
 * How many pending ops wait for another user: the held ones and the later ops of the same records (or naming
 * them), which keep their order behind them. Reads only from the first op of a higher-ranked author on.
 */
export async function countWaiting(db: Exec, signedIn: Role | null | undefined): Promise<number> {
  const hold = await holdRule(db, signedIn);
  const authors = signedIn ? [...(await authorsAbove(db, signedIn)).keys()] : [];
  if (authors.length === 0) return 0;
  const first = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min<number>('id').as('id'))
    .where('status', '=', 'pending')
    .where('user_id', 'in', authors)
    .executeTakeFirst();
  if (first?.id == null) return 0;
  const ops = await db
    .selectFrom('outbox')
    .select(['entity_type', 'entity_uuid', 'operation', 'payload', 'user_id'])
    .where('status', '=', 'pending')
    .where('id', '>=', first.id)
    .orderBy('id')
    .execute();
  const blocked = new Set<string>();
  let waiting = 0;
  for (const op of ops) {
    const payload = JSON.parse(op.payload) as Record<string, unknown>;
    const named = REFERENCE_FIELDS.some((f) => typeof payload[f] === 'string' && blocked.has(payload[f]));
    if (!blocked.has(op.entity_uuid) && !named && !hold(op)) continue;
    blocked.add(op.entity_uuid);
    waiting += 1;
  }
  return waiting;
}
