import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_BATCH, newId } from '../../../shared';
import { op, seedReference, startHarness, type Desk, type Harness } from '../../test/harness';

type Call = { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; body?: string | Buffer };
type Answer = { status: number; json: unknown };

/**
 * Each endpoint and error code of docs/protocol.md, sent twice: through inject and over real HTTP on a random
 * port. Both transports must give the same status and body shape.
 */
describe('docs/protocol.md over inject and over real HTTP', () => {
  let h: Harness;
  let base: string;
  let clerk: Desk;
  let refs: Awaited<ReturnType<typeof seedReference>>;
  beforeAll(async () => {
    h = await startHarness({ bodyLimitBytes: 64 * 1024 });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    refs = await seedReference(h);
    clerk = await h.desk('clerk');
  });
  afterAll(async () => h?.close());

  async function viaInject(call: Call): Promise<Answer> {
    const res = await h.app.inject({ method: call.method, url: call.url, headers: call.headers, payload: call.body });
    return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : null };
  }
  async function viaHttp(call: Call): Promise<Answer> {
    const body = typeof call.body === 'string' || call.body === undefined ? call.body : new Uint8Array(call.body);
    const res = await fetch(`${base}${call.url}`, { method: call.method, headers: call.headers, body });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }
  const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...extra });

  const cases: [string, () => Call, number, string | null][] = [
    ['health', () => ({ method: 'GET', url: '/api/v1/health' }), 200, null],
    ['unknown endpoint', () => ({ method: 'GET', url: '/api/v1/unknown' }), 404, 'NOT_FOUND'],
    [
      'login ok',
      () => ({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: json(),
        body: JSON.stringify({ email: 'clerk@example.com', password: 'correct horse battery', device_id: newId() }),
      }),
      200,
      null,
    ],
    [
      'login wrong password',
      () => ({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: json(),
        body: JSON.stringify({ email: 'clerk@example.com', password: 'nope', device_id: newId() }),
      }),
      401,
      'INVALID_CREDENTIALS',
    ],
    [
      'login bad json',
      () => ({ method: 'POST', url: '/api/v1/auth/login', headers: json(), body: '{"email":' }),
      400,
      'BAD_JSON',
    ],
    [
      'login schema',
      () => ({ method: 'POST', url: '/api/v1/auth/login', headers: json(), body: '{}' }),
      422,
      'VALIDATION_FAILED',
    ],
    [
      'refresh unknown',
      () => ({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        headers: json(),
        body: JSON.stringify({ refresh_token: 'nope' }),
      }),
      401,
      'UNAUTHENTICATED',
    ],
    [
      'logout',
      () => ({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: json(),
        body: JSON.stringify({ refresh_token: 'nope' }),
      }),
      204,
      null,
    ],
    [
      'push without token',
      () => ({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: json(),
        body: JSON.stringify({ device_id: newId(), batch: [] }),
      }),
      401,
      'UNAUTHENTICATED',
    ],
    [
      'push ok',
      () => ({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: json(clerk.auth),
        body: JSON.stringify({
          device_id: clerk.deviceId,
          batch: [op('suppliers', 'create', { uuid: newId(), code: `H-${newId().slice(-8)}`, name: 'Over HTTP' })],
        }),
      }),
      200,
      null,
    ],
    [
      'push gzip body',
      () => ({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: json({ ...clerk.auth, 'content-encoding': 'gzip' }),
        body: gzipSync(JSON.stringify({ device_id: clerk.deviceId, batch: [] })),
      }),
      200,
      null,
    ],
    [
      'push other device',
      () => ({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: json(clerk.auth),
        body: JSON.stringify({ device_id: newId(), batch: [] }),
      }),
      403,
      'FORBIDDEN',
    ],
    [
      'push too many ops',
      () => ({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: json(clerk.auth),
        body: JSON.stringify({
          device_id: clerk.deviceId,
          batch: Array.from({ length: MAX_PUSH_BATCH + 1 }, () => ({})),
        }),
      }),
      422,
      'BATCH_TOO_LARGE',
    ],
    [
      'push too large',
      () => ({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: json(clerk.auth),
        body: JSON.stringify({ device_id: clerk.deviceId, batch: [], pad: 'x'.repeat(70_000) }),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'push gzip bomb',
      () => ({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: json({ ...clerk.auth, 'content-encoding': 'gzip' }),
        body: gzipSync(JSON.stringify({ device_id: clerk.deviceId, batch: [], pad: ' '.repeat(10_000_000) })),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'pull ok',
      () => ({
        method: 'POST',
        url: '/api/v1/sync/pull',
        headers: json(clerk.auth),
        body: JSON.stringify({ device_id: clerk.deviceId, limit: 5 }),
      }),
      200,
      null,
    ],
    [
      'pull schema',
      () => ({
        method: 'POST',
        url: '/api/v1/sync/pull',
        headers: json(clerk.auth),
        body: JSON.stringify({ device_id: clerk.deviceId, limit: 'many' }),
      }),
      422,
      'VALIDATION_FAILED',
    ],
    [
      'pull expired token',
      () => ({
        method: 'POST',
        url: '/api/v1/sync/pull',
        headers: json({
          authorization: `Bearer ${h.app.jwt.sign({ sub: 'x', role: 'clerk', device_id: clerk.deviceId }, { expiresIn: -1 } as never)}`,
        }),
        body: JSON.stringify({ device_id: clerk.deviceId }),
      }),
      401,
      'TOKEN_EXPIRED',
    ],
  ];

  it.each(cases)('%s', async (_name, make, status, code) => {
    for (const send of [viaInject, viaHttp]) {
      const answer = await send(make());
      expect({ via: send.name, status: answer.status }).toEqual({ via: send.name, status });
      if (code) {
        expect(answer.json).toMatchObject({ error: { code, message: expect.any(String) } });
      }
    }
  });

  it('items inside a push answer carry the protocol codes: 403, 404, 422 and IDEMPOTENCY_MISMATCH', async () => {
    const first = op(
      'suppliers',
      'update',
      { uuid: refs.supplier.uuid, version: 1, notes: 'x' },
      { changed_fields: ['notes'] },
    );
    const body = (batch: unknown[]) => JSON.stringify({ device_id: clerk.deviceId, batch });
    await viaHttp({ method: 'POST', url: '/api/v1/sync/push', headers: json(clerk.auth), body: body([first]) });
    const answer = await viaHttp({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: json(clerk.auth),
      body: body([
        op('products', 'create', { uuid: newId(), code: 'X', name: 'X', unit: 'kg' }),
        op('suppliers', 'update', { uuid: newId(), version: 1, name: 'x' }),
        op('payments', 'delete', { uuid: newId() }),
        { ...first, data: { ...first.data, notes: 'y' } },
      ]),
    });
    const errors = (answer.json as { results: { errors: { status: number; code: string }[] } }).results.errors;
    expect(errors.map((e) => [e.status, e.code])).toEqual([
      [403, 'FORBIDDEN'],
      [404, 'NOT_FOUND'],
      [422, 'VALIDATION_FAILED'],
      [422, 'IDEMPOTENCY_MISMATCH'],
    ]);
  });

  it('announces commits on the live channel (server-sent events)', async () => {
    const desk = await h.desk('clerk');
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/sync/live`, { headers: desk.auth, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const received = (async () => {
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return text;
        text += new TextDecoder().decode(value);
        if (text.includes('data: ')) return text;
      }
    })();
    await viaHttp({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: json(clerk.auth),
      body: JSON.stringify({
        device_id: clerk.deviceId,
        batch: [op('suppliers', 'create', { uuid: newId(), code: `LV-${newId().slice(-6)}`, name: 'Live' })],
      }),
    });
    const text = await received;
    const message = JSON.parse(text.split('data: ')[1]!.split('\n')[0]!);
    expect(message).toEqual({ type: 'changes', cursor: expect.stringMatching(/^\d+$/) });
    controller.abort();
    const unauth = await fetch(`${base}/api/v1/sync/live`);
    expect(unauth.status).toBe(401);
  });
});
