import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenResponse } from '../../../shared';
import { buildServer } from '../app';
import { runCli as cli } from '../../test/cli';
import { testConfig } from '../../test/config';
import { startHarness, type Harness } from '../../test/harness';

/** An open live stream: resolves `ended` when the server closes it. */
async function openLive(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/v1/sync/live`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const ended = (async () => {
    if (!response.ok || !response.body) return response.status;
    const reader = response.body.getReader();
    for (;;) {
      const { done } = await reader.read().catch(() => ({ done: true }));
      if (done) return response.status;
    }
  })();
  return { status: response.status, response, ended, close: () => controller.abort() };
}

/** Resolves true if `promise` settles within `ms`. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}

const REDIS = 'redis://127.0.0.1:6379';

describe('sessions end at once', () => {
  let h: Harness;
  let url = '';
  const prefix = `t-${randomBytes(4).toString('hex')}:`;
  beforeAll(async () => {
    // A long cache: only an explicit change (here, or heard over Redis) can end a session this quickly.
    h = await startHarness({ sessionCacheMs: 60_000, redisUrl: REDIS, redisPrefix: prefix });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => h?.close());

  const pullWith = (token: string, deviceId: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: { authorization: `Bearer ${token}` },
      payload: { device_id: deviceId },
    });
  const env = () => ({ MYSQL_URL: h.test.url, REDIS_URL: REDIS, REDIS_PREFIX: prefix });

  it("signing out ends that sign-in's access token and live stream, not another device's", async () => {
    const a = await h.desk('clerk');
    const b = await h.desk('clerk');
    expect((await pullWith(a.token, a.deviceId)).statusCode).toBe(200);
    const live = await openLive(url, a.token);
    expect(live.status).toBe(200);
    const out = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refresh_token: a.tokens.refresh_token },
    });
    expect(out.statusCode).toBe(204);
    const res = await pullWith(a.token, a.deviceId);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/sign-in has ended/);
    expect(await settlesWithin(live.ended, 2000)).toBe(true);
    expect((await pullWith(b.token, b.deviceId)).statusCode).toBe(200);
  });

  it('a sign-out on this instance ends the token and stream held on another instance at once', async () => {
    const other = await buildServer({
      config: testConfig({ mysqlUrl: h.test.url, sessionCacheMs: 60_000, redisUrl: REDIS, redisPrefix: prefix }),
      db: h.test.db,
    });
    try {
      await other.listen({ port: 0, host: '127.0.0.1' });
      const address = other.server.address();
      const otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const desk = await h.desk('clerk');
      const onOther = () =>
        other.inject({
          method: 'POST',
          url: '/api/v1/sync/pull',
          headers: desk.auth,
          payload: { device_id: desk.deviceId },
        });
      expect((await onOther()).statusCode).toBe(200);
      const live = await openLive(otherUrl, desk.token);
      expect(live.status).toBe(200);
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        payload: { refresh_token: desk.tokens.refresh_token },
      });
      expect(await settlesWithin(live.ended, 2000)).toBe(true);
      expect((await onOther()).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('a reused refresh token revokes the family: its access tokens stop at once', async () => {
    const a = await h.desk('clerk');
    const first = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: a.tokens.refresh_token },
    });
    const rotated = first.json() as TokenResponse;
    expect((await pullWith(rotated.access_token, a.deviceId)).statusCode).toBe(200);
    const live = await openLive(url, rotated.access_token);
    // The thief replays the old refresh token: every token of this sign-in ends.
    const reuse = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: a.tokens.refresh_token },
    });
    expect(reuse.statusCode).toBe(401);
    expect((await pullWith(rotated.access_token, a.deviceId)).statusCode).toBe(401);
    expect((await pullWith(a.token, a.deviceId)).statusCode).toBe(401);
    expect(await settlesWithin(live.ended, 2000)).toBe(true);
  });

  it("user:deactivate in another process ends the user's tokens and streams at once; user:activate does not revive them", async () => {
    const clerk = await h.desk('clerk');
    const boss = await h.desk('supervisor');
    expect((await pullWith(clerk.token, clerk.deviceId)).statusCode).toBe(200);
    const live = await openLive(url, clerk.token);
    const bossLive = await openLive(url, boss.token);

    const off = await cli(['user:deactivate', '--email', 'Clerk@example.com'], env());
    expect(off).toMatchObject({ code: 0 });
    expect(off.out).toMatch(/Deactivated clerk The clerk <clerk@example.com>/);
    expect(await settlesWithin(live.ended, 3000)).toBe(true);
    const res = await pullWith(clerk.token, clerk.deviceId);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/no longer active/);
    const refresh = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: clerk.tokens.refresh_token },
    });
    expect(refresh.statusCode).toBe(401);
    // Another user's stream stays open.
    expect(await settlesWithin(bossLive.ended, 300)).toBe(false);
    bossLive.close();

    expect((await cli(['user:activate', '--email', 'clerk@example.com'], env())).code).toBe(0);
    expect((await pullWith(clerk.token, clerk.deviceId)).statusCode).toBe(401);
    const again = await h.desk('clerk');
    expect((await pullWith(again.token, again.deviceId)).statusCode).toBe(200);
  }, 90_000);

  it('user:deactivate names an unknown email', async () => {
    const res = await cli(['user:deactivate', '--email', 'nobody@example.com'], env());
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/No user with email nobody@example.com/);
  }, 60_000);

  it('a live stream ends when its access token expires', async () => {
    const desk = await h.desk('clerk');
    const claims = h.app.jwt.decode<{ sub: string; role: string; device_id: string; gen: number; fam: string }>(
      desk.token,
    )!;
    const short = h.app.jwt.sign(
      { sub: claims.sub, role: claims.role, device_id: claims.device_id, gen: claims.gen, fam: claims.fam } as never,
      { expiresIn: 2 } as never,
    );
    const live = await openLive(url, short);
    expect(live.status).toBe(200);
    expect(await settlesWithin(live.ended, 5000)).toBe(true);
  });
});

describe('sessions without a bus', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sessionCacheMs: 1000 });
  });
  afterAll(async () => h?.close());

  it('a change made elsewhere is seen once the short cache has passed', async () => {
    const clerk = await h.desk('clerk');
    const pull = () =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/sync/pull',
        headers: clerk.auth,
        payload: { device_id: clerk.deviceId },
      });
    expect((await pull()).statusCode).toBe(200);
    await h.test.db.updateTable('users').set({ active: 0 }).where('email', '=', 'clerk@example.com').execute();
    await new Promise((r) => setTimeout(r, 1100));
    expect((await pull()).statusCode).toBe(401);
  });

  it('a token from before the change (no generation, no sign-in) is still checked against the account', async () => {
    const boss = await h.desk('supervisor');
    const claims = h.app.jwt.decode<{ sub: string; device_id: string }>(boss.token)!;
    const old = h.app.jwt.sign({ sub: claims.sub, role: 'supervisor', device_id: claims.device_id });
    const pull = () =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/sync/pull',
        headers: { authorization: `Bearer ${old}` },
        payload: { device_id: claims.device_id },
      });
    expect((await pull()).statusCode).toBe(200);
    await h.test.db.updateTable('users').set({ active: 0 }).where('id', '=', claims.sub).execute();
    await new Promise((r) => setTimeout(r, 1100));
    expect((await pull()).statusCode).toBe(401);
  });
});
