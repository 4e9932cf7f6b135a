import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { startHarness, type Harness } from '../../test/harness';
import { awayFromMinuteEnd } from '../../test/minute';

function b64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A JWT signed with any secret and algorithm, to prove the server trusts only its own. */
function forge(payload: object, secret: string, alg = 'HS256'): string {
  const head = b64url({ alg, typ: 'JWT' });
  const body = b64url(payload);
  if (alg === 'none') return `${head}.${body}.`;
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

describe('auth endpoints', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  const login = (payload: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
  const refresh = (refresh_token: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token } });
  const pullWith = (token: string, deviceId = newId()) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: { authorization: `Bearer ${token}` },
      payload: { device_id: deviceId },
    });

  it('logs in with the protocol shape and registers the device', async () => {
    const deviceId = newId();
    const res = await login({
      email: 'Clerk@Example.com',
      password: 'correct horse battery',
      device_id: deviceId,
      device_name: 'Front desk',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      expires_in: 900,
      user: { email: 'clerk@example.com', name: 'The clerk', role: 'clerk' },
    });
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.refresh_token).toBe('string');
    const device = await h.test.db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
    expect(device).toMatchObject({ name: 'Front desk', user_id: body.user.id });
    expect((await pullWith(body.access_token, deviceId)).statusCode).toBe(200);
  });

  it.each([
    [{ email: 'clerk@example.com', password: 'wrong', device_id: newId() }, 401, 'INVALID_CREDENTIALS'],
    [
      { email: 'nobody@example.com', password: 'correct horse battery', device_id: newId() },
      401,
      'INVALID_CREDENTIALS',
    ],
    [{ email: 'not-an-email', password: 'x', device_id: 'nope' }, 422, 'VALIDATION_FAILED'],
  ])('refuses %j', async (payload, status, code) => {
    const res = await login(payload);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });

  it('names the bad fields of a login', async () => {
    const res = await login({ email: 'x', device_id: 'y' });
    expect(res.json().error.fields).toEqual({
      email: 'must be an email address',
      password: 'is required',
      device_id: 'must be a UUID',
    });
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const first = (
      await login({ email: 'clerk@example.com', password: 'correct horse battery', device_id: newId() })
    ).json();
    const second = await refresh(first.refresh_token);
    expect(second.statusCode).toBe(200);
    const pair = second.json();
    expect(pair.refresh_token).not.toBe(first.refresh_token);
    const reuse = await refresh(first.refresh_token);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(reuse.json().error.message).toMatch(/already used/);
    // The thief's reuse ended the honest session too.
    expect((await refresh(pair.refresh_token)).statusCode).toBe(401);
  });

  it('logs out: 204, and the refresh token is dead', async () => {
    const tokens = (
      await login({ email: 'clerk@example.com', password: 'correct horse battery', device_id: newId() })
    ).json();
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refresh_token: tokens.refresh_token },
    });
    expect(res.statusCode).toBe(204);
    expect((await refresh(tokens.refresh_token)).statusCode).toBe(401);
    expect((await refresh('made-up-token')).json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses missing, malformed, forged, none-algorithm and expired access tokens', async () => {
    const desk = await h.desk('clerk');
    const claims = { sub: 'someone', role: 'admin', device_id: desk.deviceId };
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string][] = [
      ['malformed', 'not.a.jwt'],
      ['garbage', 'abc'],
      ['forged signature', forge({ ...claims, iat: now, exp: now + 600 }, 'guessed-secret-guessed-secret-guessed')],
      ['none algorithm', forge({ ...claims, iat: now, exp: now + 600 }, '', 'none')],
    ];
    for (const [name, token] of cases) {
      const res = await pullWith(token, desk.deviceId);
      expect({ name, status: res.statusCode, code: res.json().error.code }).toEqual({
        name,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
    const missing = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      payload: { device_id: desk.deviceId },
    });
    expect(missing.json().error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Sign in first: no access token was sent',
    });
    const expired = h.app.jwt.sign({ sub: 'x', role: 'clerk', device_id: desk.deviceId }, { expiresIn: -10 } as never);
    const res = await pullWith(expired, desk.deviceId);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOKEN_EXPIRED');
  });
});

describe('login rate limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ loginRateLimitPerMinute: 3 });
  });
  afterAll(async () => h?.close());

  it('answers 429 RATE_LIMITED after too many attempts on one account', async () => {
    await awayFromMinuteEnd();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'clerk@example.com', password: `guess-${i}`, device_id: newId() },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('RATE_LIMITED');
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Another account from the same address is not locked out by someone else's guessing.
    const other = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'supervisor@example.com', password: 'correct horse battery', device_id: newId() },
    });
    expect(other.statusCode).toBe(200);
  });
});

describe('login rate limit behind a load balancer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ loginRateLimitPerMinute: 2, trustProxy: ['127.0.0.1'] });
  });
  afterAll(async () => h?.close());

  const attempt = (forwardedFor: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email: 'clerk@example.com', password: 'wrong', device_id: newId() },
    });

  it("counts each desk's own address, not the balancer's", async () => {
    await awayFromMinuteEnd();
    const office = [];
    for (let i = 0; i < 3; i++) office.push((await attempt('10.1.1.1')).statusCode);
    expect(office).toEqual([401, 401, 429]);
    // Another office behind the same balancer is not locked out.
    expect((await attempt('10.2.2.2')).statusCode).toBe(401);
  });
});
