import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, pathOf, ROUTES } from '../../../shared';
import { startHarness, type Harness } from '../../test/harness';

/** The protocol answers 401 (no valid token) and 403 (role) before it looks at a request's body. */
describe('authentication comes before the body', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ bodyLimitBytes: 2048 });
  });
  afterAll(async () => h?.close());

  const huge = JSON.stringify({ device_id: newId(), batch: [], padding: 'x'.repeat(10_000) });
  const routes = ['/api/v1/sync/push', '/api/v1/sync/pull', '/api/v1/conflicts/status'];

  it.each(routes)('%s: no token with a malformed, huge or non-JSON body is 401', async (url) => {
    const bodies: [string, string][] = [
      ['{"device_id": ', 'application/json'],
      [huge, 'application/json'],
      ['device_id=1', 'application/x-www-form-urlencoded'],
    ];
    for (const [payload, type] of bodies) {
      const res = await h.app.inject({ method: 'POST', url, payload, headers: { 'content-type': type } });
      expect({ url, type, size: payload.length, status: res.statusCode, code: res.json().error.code }).toEqual({
        url,
        type,
        size: payload.length,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  const guarded = Object.entries(ROUTES).filter(([, route]) => !route.public);
  it.each(guarded)('%s (every route of the table not marked public): no token is 401', async (_name, route) => {
    const res = await h.app.inject({
      method: route.method,
      url: pathOf(route, { id: newId() }),
      ...(route.method === 'POST' ? { payload: '{"x": ', headers: { 'content-type': 'application/json' } } : {}),
    });
    expect(res.statusCode).toBe(401);
  });

  it('a clerk approving a pay run gets 403 before the body is read (the route table names the action)', async () => {
    const clerk = await h.desk('clerk');
    const res = await h.app.inject({
      method: 'POST',
      url: pathOf(ROUTES.approveSettlementRun, { id: newId() }),
      headers: { ...clerk.auth, 'content-type': 'application/json' },
      payload: '{"x": ',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('a forged token with a huge body is 401, not 413', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { authorization: 'Bearer not.a.jwt', 'content-type': 'application/json' },
      payload: huge,
    });
    expect(res.statusCode).toBe(401);
  });

  it('a clerk resolving a conflict gets 403 before the body is read', async () => {
    const clerk = await h.desk('clerk');
    for (const payload of ['{"data": ', huge]) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/v1/conflicts/${newId()}/resolve`,
        headers: { ...clerk.auth, 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('with a valid token the body is still checked: malformed 400, huge 413', async () => {
    const clerk = await h.desk('clerk');
    const send = (payload: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: { ...clerk.auth, 'content-type': 'application/json' },
        payload,
      });
    expect((await send('{"device_id": ')).statusCode).toBe(400);
    expect((await send(huge)).statusCode).toBe(413);
  });

  it('health and sign-in stay open; an unknown path is still 404', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    const login = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x' } });
    expect(login.statusCode).toBe(422);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/nothing-here' })).statusCode).toBe(404);
  });
});
