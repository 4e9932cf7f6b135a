import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { createTestDatabase, type TestDatabase } from '../../test/mysql';
import { addUser } from '../users/users';
import { issueRefreshToken, revokeFamily } from './refresh-tokens';
import { SessionGuard, type SessionBus, type SessionChange } from './session-guard';

/** An in-memory bus: what one guard publishes, every guard on it hears. */
function memoryBus() {
  const listeners: ((change: SessionChange) => void)[] = [];
  const published: SessionChange[] = [];
  const bus: SessionBus = {
    publish: (change) => {
      published.push(change);
      for (const l of listeners) l(change);
    },
    listen: (l) => void listeners.push(l),
  };
  return { bus, published };
}

describe('SessionGuard', () => {
  let test: TestDatabase;
  let userId = '';
  beforeAll(async () => {
    test = await createTestDatabase();
    userId = (await addUser(test.db, { email: 'g@example.com', password: 'long enough', name: 'G', role: 'clerk' })).id;
  });
  afterAll(async () => test?.drop());

  const claims = (fam: string, gen = 0) => ({ sub: userId, role: 'clerk' as const, device_id: newId(), gen, fam });
  const family = async () => {
    const fam = newId();
    await issueRefreshToken(test.db, { userId, deviceId: newId(), familyId: fam, ttlDays: 1 });
    return fam;
  };

  it('trusts what it read for cacheMs, and re-reads after', async () => {
    let now = 1_000_000;
    const guard = new SessionGuard(test.db, { cacheMs: 5000, now: () => now });
    const fam = await family();
    await guard.check(claims(fam));
    await revokeFamily(test.db, fam);
    await guard.check(claims(fam));
    now += 5000;
    await expect(guard.check(claims(fam))).rejects.toThrow('This sign-in has ended; sign in again');
  });

  it('a change on one instance is acted on there and heard by the others at once', async () => {
    const { bus, published } = memoryBus();
    const here = new SessionGuard(test.db, { cacheMs: 60_000, bus });
    const there = new SessionGuard(test.db, { cacheMs: 60_000, bus });
    const fam = await family();
    await here.check(claims(fam));
    await there.check(claims(fam));
    await revokeFamily(test.db, fam);
    here.changed({ kind: 'family', id: fam });
    expect(published).toEqual([{ kind: 'family', id: fam }]);
    await expect(here.check(claims(fam))).rejects.toThrow('sign-in has ended');
    await expect(there.check(claims(fam))).rejects.toThrow('sign-in has ended');
  });

  it('a read that began before a change is not kept in the cache', async () => {
    const guard = new SessionGuard(test.db, { cacheMs: 60_000 });
    const fam = await family();
    // The user's row is being read when a change is heard: what that read saw may be from before the change.
    const inFlight = guard.check(claims(fam));
    guard.changed({ kind: 'user', id: userId });
    await inFlight;
    await test.db.updateTable('users').set({ active: 0 }).where('id', '=', userId).execute();
    try {
      await expect(guard.check(claims(fam))).rejects.toThrow('no longer active');
    } finally {
      await test.db.updateTable('users').set({ active: 1 }).where('id', '=', userId).execute();
    }
  });

  it('refuses a token of an older generation and of an inactive user', async () => {
    const guard = new SessionGuard(test.db, { cacheMs: 0 });
    const fam = await family();
    await expect(guard.check(claims(fam, 1))).rejects.toThrow('ended by an administrator');
    await test.db.updateTable('users').set({ active: 0 }).where('id', '=', userId).execute();
    await expect(guard.check(claims(fam))).rejects.toThrow('The account is no longer active');
    await test.db.updateTable('users').set({ active: 1 }).where('id', '=', userId).execute();
    await expect(guard.check({ ...claims(fam), sub: newId() })).rejects.toThrow('no longer active');
  });

  it('ends a watched stream when its sign-in is revoked, and another at its expiry', async () => {
    const guard = new SessionGuard(test.db, { cacheMs: 60_000 });
    const fam = await family();
    const other = await family();
    const ended: string[] = [];
    guard.watch(claims(fam), () => ended.push('revoked'));
    guard.watch({ ...claims(other), exp: Math.floor(Date.now() / 1000) + 1 }, () => ended.push('expired'));
    expect(guard.watched).toBe(2);
    await revokeFamily(test.db, fam);
    guard.changed({ kind: 'family', id: fam });
    await new Promise((r) => setTimeout(r, 1500));
    // Both end; which first depends on how long the revoke's write took against the one-second expiry.
    expect([...ended].sort()).toEqual(['expired', 'revoked']);
    guard.stop();
  });
});
