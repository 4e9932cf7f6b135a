import { hash } from '@node-rs/argon2';
import { z } from 'zod';
import { AppError, newId, parseInput } from '../../../../shared';
import type { Core } from '../create-core';
import { SYNC_KEYS, writeState } from '../sync/sync-state';

const LocalAdminSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  email: z.email({ error: 'must be an email address' }),
  password: z.string().min(8, 'must be at least 8 characters').max(1024, 'is too long'),
});
export type LocalAdmin = z.infer<typeof LocalAdminSchema>;

/**
 * "Use on this computer only": an administrator known only to this desk, unlocked with an argon2id verifier.
 * Everything works offline; the outbox keeps every change for the day the desk joins a server.
 */
export async function createLocalAdmin(core: Core, input: LocalAdmin): Promise<void> {
  const data = parseInput(LocalAdminSchema, input);
  const existing = await core.db.selectFrom('local_users').select('email').executeTakeFirst();
  if (existing)
    throw new AppError('VALIDATION_FAILED', 'This desk already has a user; sign in instead', {
      email: 'a user exists on this desk already',
    });
  const verifier = await hash(data.password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  await core.db
    .insertInto('local_users')
    .values({
      email: data.email.toLowerCase(),
      user_id: newId(),
      name: data.name,
      role: 'admin',
      verifier,
      updated_at: core.ctx.now(),
    })
    .execute();
  await writeState(core.db, SYNC_KEYS.mode, 'local');
  await core.auth.unlockOffline(data.email, data.password);
}
