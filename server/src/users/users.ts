import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, newId, parseInput, RoleSchema, type AuthUser, type Role } from '../../../shared';
import { hashPassword } from '../auth/passwords';
import type { ServerDatabase } from '../db/schema';
import { toMysqlDateTime } from '../db/time';

const NewUserSchema = z.strictObject({
  email: z.email({ error: 'must be an email address' }).max(254),
  password: z.string().min(8, 'must be at least 8 characters').max(1024, 'is too long'),
  name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  role: RoleSchema,
});
export type NewUser = z.infer<typeof NewUserSchema>;

export async function addUser(db: Kysely<ServerDatabase>, input: NewUser): Promise<AuthUser> {
  const data = parseInput(NewUserSchema, input);
  const email = data.email.toLowerCase();
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing)
    throw new AppError('VALIDATION_FAILED', `A user with email ${email} already exists`, {
      email: 'is already registered',
    });
  const now = toMysqlDateTime(new Date());
  const user = { id: newId(), email, name: data.name, role: data.role as Role };
  await db
    .insertInto('users')
    .values({ ...user, password_hash: await hashPassword(data.password), active: 1, created_at: now, updated_at: now })
    .execute();
  return user;
}

export async function findUserByEmail(db: Kysely<ServerDatabase>, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Kysely<ServerDatabase>, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function publicUser(row: { id: string; email: string; name: string; role: string }): AuthUser {
  return { id: row.id, email: row.email, name: row.name, role: RoleSchema.parse(row.role) };
}

/**
 * Deactivating moves the user's token generation on and revokes every sign-in, so no token of theirs works
 * again (activating later does not revive them). Activating only lets them sign in again. Returns the user.
 */
export async function setUserActive(db: Kysely<ServerDatabase>, email: string, active: boolean): Promise<AuthUser> {
  const address = email.toLowerCase();
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('email', '=', address).forUpdate().executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND', `No user with email ${address}`);
    const now = toMysqlDateTime(new Date());
    await trx
      .updateTable('users')
      .set((eb) => ({
        active: active ? 1 : 0,
        updated_at: now,
        ...(active ? {} : { token_generation: eb('token_generation', '+', 1) }),
      }))
      .where('id', '=', user.id)
      .execute();
    if (!active) {
      await trx
        .updateTable('refresh_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', user.id)
        .where('revoked_at', 'is', null)
        .execute();
    }
    return publicUser(user);
  });
}
