import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { startHarness, type Harness } from '../../test/harness';
import { awayFromMinuteEnd } from '../../test/minute';

const PASSWORD = 'correct horse battery';

describe('sign-in and refresh limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      loginRateLimitPerMinute: 3,
      loginRateLimitPerAddressPerMinute: 5,
      refreshRateLimitPerMinute: 4,
      trustProxy: ['127.0.0.1'],
    });
  });
  afterAll(async () => h?.close());

  const login = (from: string, email: string, password: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': from },
      payload: { email, password, device_id: newId() },
    });

  it('spraying many emails from one address gets 429 once the address has failed too often', async () => {
    await awayFromMinuteEnd();
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await login('10.0.0.1', `guess-${i}@example.com`, 'wrong')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const refused = await login('10.0.0.1', 'clerk@example.com', PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.json().error.message).toMatch(/Too many failed sign-ins from this address; try again in \d+ s/);
    // Another address is not affected.
    expect((await login('10.0.0.2', 'clerk@example.com', PASSWORD)).statusCode).toBe(200);
  });

  it('successful sign-ins do not count: an office signing in all morning is never limited', async () => {
    await awayFromMinuteEnd();
    const statuses = [];
    for (let i = 0; i < 12; i++) {
      const role = ['clerk', 'supervisor', 'admin'][i % 3];
      statuses.push((await login('10.0.0.3', `${role}@example.com`, PASSWORD)).statusCode);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    // The account's own failures are still limited after all those successes.
    const failures = [];
    for (let i = 0; i < 4; i++) failures.push((await login('10.0.0.3', 'clerk@example.com', 'wrong')).statusCode);
    expect(failures).toEqual([401, 401, 401, 429]);
  });

  it('refresh is limited per address', async () => {
    const refresh = (from: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': from },
        payload: { refresh_token: 'made-up-token' },
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await refresh('10.0.0.4')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const refused = await refresh('10.0.0.4');
    expect(refused.json().error.message).toMatch(/Too many token refreshes from this address; try again in/);
    expect((await refresh('10.0.0.5')).statusCode).toBe(401);
  });
});

describe('live streams per user', () => {
  let h: Harness;
  let url = '';
  beforeAll(async () => {
    h = await startHarness({ liveStreamsPerUser: 2 });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => h?.close());

  const open = async (token: string) => {
    const controller = new AbortController();
    const res = await fetch(`${url}/api/v1/sync/live`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    return { res, close: () => controller.abort() };
  };

  it('a user may hold so many streams; one more is a clear 429; another user is unaffected', async () => {
    const a = await h.desk('clerk');
    const b = await h.desk('clerk');
    const first = await open(a.token);
    const second = await open(b.token);
    expect([first.res.status, second.res.status]).toEqual([200, 200]);
    const third = await open(a.token);
    expect(third.res.status).toBe(429);
    expect(((await third.res.json()) as { error: { message: string } }).error).toEqual({
      code: 'RATE_LIMITED',
      message: 'This account already has 2 live connections open (at most 2); close a desk or wait for one to end',
    });
    const boss = await open((await h.desk('supervisor')).token);
    expect(boss.res.status).toBe(200);
    // Closing one makes room.
    first.close();
    let again = await open(a.token);
    for (let i = 0; i < 20 && again.res.status === 429; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await open(a.token);
    }
    expect(again.res.status).toBe(200);
    for (const s of [second, boss, again]) s.close();
  });
});
