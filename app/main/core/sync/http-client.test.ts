import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { newId, PROTOCOL_HEADER, PROTOCOL_VERSION, ROUTES } from '../../../../shared';
import { HttpClient, SyncHttpError, type FetchLike } from './http-client';

const answer =
  (body: unknown, status = 200, headers: Record<string, string> = {}): FetchLike =>
  async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

async function failure(promise: Promise<unknown>): Promise<SyncHttpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncHttpError);
  return error as SyncHttpError;
}

describe('HttpClient parses every answer with its route', () => {
  it('returns the parsed answer', async () => {
    const client = new HttpClient('http://server', answer({ status: 'ok', db: 'ok' }));
    expect(await client.call(ROUTES.health, {})).toEqual({ status: 'ok', db: 'ok' });
  });

  it('turns an answer that does not match into a clear error naming the route and the field', async () => {
    const client = new HttpClient('http://server', answer({ results: { success: [] }, server_time: 'now' }));
    const error = await failure(client.call(ROUTES.push, { device_id: newId(), batch: [] }));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toMatch(/POST \/api\/v1\/sync\/push/);
    expect(error.message).toMatch(/results\.conflicts/);
  });

  it('keeps every column of a row it does not know of (rows travel whole)', async () => {
    const row = { uuid: newId(), version: 2, a_future_column: 'kept' };
    const client = new HttpClient('http://server', answer({ entity: row }));
    const resolved = await client.call(ROUTES.resolveConflict, { data: {}, base_version: 1 }, { params: { id: 'x' } });
    expect(resolved.entity).toEqual(row);
  });

  it('sends its protocol version and fills path parameters', async () => {
    const seen: { url: string; version: string | null }[] = [];
    const client = new HttpClient('http://server/', async (url, init) => {
      seen.push({ url: String(url), version: new Headers(init?.headers).get(PROTOCOL_HEADER) });
      return new Response(JSON.stringify({ conflicts: [] }), { status: 200 });
    });
    await client.call(ROUTES.conflicts, { status: 'all' });
    await client.call(ROUTES.conflictStatuses, { ids: [] });
    expect(seen).toEqual([
      { url: 'http://server/api/v1/conflicts?status=all', version: String(PROTOCOL_VERSION) },
      { url: 'http://server/api/v1/conflicts/status', version: String(PROTOCOL_VERSION) },
    ]);
  });

  it('refuses a server whose protocol is older than this desk can use: update the server', async () => {
    const client = new HttpClient('http://server', answer({ status: 'ok', db: 'ok' }, 200, { [PROTOCOL_HEADER]: '0' }));
    const error = await failure(client.call(ROUTES.health, {}));
    expect(error.code).toBe('PROTOCOL_MISMATCH');
    expect(error.message).toMatch(/update the server/);
    expect(error.retryable).toBe(false);
  });

  it('gzips a large body at the fastest level (the desk compresses every push batch it sends)', async () => {
    let sent: Uint8Array | undefined;
    let encoding: string | null = null;
    const client = new HttpClient('http://server', async (_url, init) => {
      sent = init?.body as Uint8Array;
      encoding = new Headers(init?.headers).get('content-encoding');
      return new Response(JSON.stringify({ conflicts: [] }), { status: 200 });
    });
    const ids = Array.from({ length: 200 }, () => newId());
    await client.call(ROUTES.conflictStatuses, { ids });
    expect(encoding).toBe('gzip');
    expect(JSON.parse(gunzipSync(sent!).toString())).toEqual({ ids });
    // RFC 1952's XFL byte: 4 = the compressor used its fastest algorithm (zlib's level 1), 0 = its default.
    expect(sent![8]).toBe(4);
  });
});
