import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, PROTOCOL_HEADER, PROTOCOL_VERSION, ROUTES } from '../../shared';
import { checkServer } from '../../app/main/core/sync/check-server';
import { HttpClient, SyncHttpError, type FetchLike } from '../../app/main/core/sync/http-client';
import { startHarness, type Harness } from '../../server/test/harness';

async function failure(promise: Promise<unknown>): Promise<SyncHttpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncHttpError);
  return error as SyncHttpError;
}

/** The desk's client against a real server: real answers parse with their routes; an outdated desk is told so. */
describe('HttpClient against a real server', () => {
  let h: Harness;
  let base = '';
  beforeAll(async () => {
    h = await startHarness();
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => h?.close());

  const login = (client: HttpClient) =>
    client.call(ROUTES.login, { email: 'clerk@example.com', password: 'correct horse battery', device_id: newId() });

  it('signs in: the real answer parses with the route', async () => {
    const tokens = await login(new HttpClient(base));
    expect(tokens.user.role).toBe('clerk');
  });

  // This desk, claiming the version before the server's oldest: what a desk left behind by an upgrade sends.
  const oldDesk: FetchLike = (url, init) => {
    const headers = new Headers(init?.headers);
    headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION - 1));
    return fetch(url, { ...init, headers });
  };

  it('"Test connection" says so too', async () => {
    expect((await checkServer(base)).ok).toBe(true);
    const check = await checkServer(base, oldDesk);
    expect(check).toEqual({ ok: false, message: expect.stringMatching(/update this desk/) });
  });

  it('a desk too old for the server is told to update this desk', async () => {
    const error = await failure(login(new HttpClient(base, oldDesk)));
    expect(error.status).toBe(426);
    expect(error.code).toBe('PROTOCOL_MISMATCH');
    expect(error.message).toMatch(/update this desk/);
    expect(error.retryable).toBe(false);
  });
});
