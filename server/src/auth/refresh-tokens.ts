import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId } from '../../../shared';
import type { ServerDatabase } from '../db/schema';
import { toMysqlDateTime } from '../db/time';

/** Refresh tokens are random, stored only as SHA-256, rotated on every use; reuse revokes the family. */

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueRefreshToken(
  db: Kysely<ServerDatabase>,
  input: { userId: string; deviceId: string; familyId: string; ttlDays: number },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  await db
    .insertInto('refresh_tokens')
    .values({
      id: newId(),
      token_hash: hashToken(token),
      family_id: input.familyId,
      user_id: input.userId,
      device_id: input.deviceId,
      expires_at: toMysqlDateTime(new Date(now + input.ttlDays * 86_400_000)),
      created_at: toMysqlDateTime(new Date(now)),
      rotated_at: null,
      revoked_at: null,
    })
    .execute();
  return token;
}

export type RotateOutcome =
  | { ok: true; userId: string; deviceId: string; familyId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }
  /** The whole family (that sign-in) was revoked just now: its access tokens must stop too. */
  | { ok: false; reason: 'reused'; familyId: string };

/** Marks a live token rotated (exactly once, even under concurrent refreshes) or explains why it is dead. */
export async function consumeRefreshToken(db: Kysely<ServerDatabase>, token: string): Promise<RotateOutcome> {
  const row = await db
    .selectFrom('refresh_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  if (row.rotated_at) {
    await revokeFamily(db, row.family_id);
    return { ok: false, reason: 'reused', familyId: row.family_id };
  }
  if (new Date(`${row.expires_at.replace(' ', 'T')}Z`).getTime() <= Date.now()) return { ok: false, reason: 'expired' };
  const result = await db
    .updateTable('refresh_tokens')
    .set({ rotated_at: toMysqlDateTime(new Date()) })
    .where('id', '=', row.id)
    .where('rotated_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    // Another request rotated it first: this one is a reuse.
    await revokeFamily(db, row.family_id);
    return { ok: false, reason: 'reused', familyId: row.family_id };
  }
  return { ok: true, userId: row.user_id, deviceId: row.device_id, familyId: row.family_id };
}

export async function revokeFamily(db: Kysely<ServerDatabase>, familyId: string): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: toMysqlDateTime(new Date()) })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Sign-out: revokes the token's family; returns its id (null for an unknown token). */
export async function revokeByToken(db: Kysely<ServerDatabase>, token: string): Promise<string | null> {
  const row = await db
    .selectFrom('refresh_tokens')
    .select('family_id')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  await revokeFamily(db, row.family_id);
  return row.family_id;
}
