import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MAX_PUSH_BATCH, MAX_PUSH_BATCH, ROUTES } from '../../shared';
import type { SyncDeps } from '../../app/main/core/sync/deps';
import { SyncHttpError, type HttpClient } from '../../app/main/core/sync/http-client';
import { pushPending } from '../../app/main/core/sync/push';
import { startOffice } from './desks';

/**
 * The desk's client, noting the size of every push it sends; with `refuseOver`, a server from before the push
 * limit was raised (it refused batches over 100 ops as too large).
 */
function recording(real: HttpClient, sizes: number[], refuseOver = Infinity): HttpClient {
  return new Proxy(real, {
    get(target, key) {
      if (key !== 'call') return Reflect.get(target, key, target) as unknown;
      return async (route: unknown, body: { batch?: unknown[] }, options: unknown) => {
        if (route === ROUTES.push) {
          sizes.push(body.batch!.length);
          if (body.batch!.length > refuseOver)
            throw new SyncHttpError('server', 'A batch holds at most 100 ops', 422, 'BATCH_TOO_LARGE');
        }
        return (target.call as (...a: unknown[]) => Promise<unknown>)(route, body, options);
      };
    },
  });
}

describe('how many ops a desk sends in one push', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  async function queued(n: number, tag: string) {
    const desk = await office.desk('clerk');
    await desk.engine.sync('manual');
    desk.network.online = false;
    await desk.suppliers.createMany(
      Array.from({ length: n }, (_, i) => ({ code: `${tag}-${i}`, name: `${tag} ${i}` })),
    );
    desk.network.online = true;
    return desk;
  }

  const depsOf = (desk: Awaited<ReturnType<typeof queued>>, http: HttpClient): SyncDeps => ({
    db: desk.db,
    rows: desk.ctx.rows,
    sqlite: desk.sqlite,
    transact: desk.transact,
    transactReplayable: desk.transactReplayable,
    http,
    auth: desk.auth,
    deviceId: desk.deviceId,
    events: desk.events,
    now: desk.ctx.now,
    canSync: async () => true,
  });

  it(`sends up to ${MAX_PUSH_BATCH} ops a batch to this server`, async () => {
    const desk = await queued(700, 'BIG');
    const sizes: number[] = [];
    expect((await pushPending(depsOf(desk, recording(desk.httpClient()!, sizes)))).pushed).toBe(700);
    expect(sizes).toEqual([MAX_PUSH_BATCH, 700 - MAX_PUSH_BATCH]);
  });

  it('falls back to 100 a batch on a server that refuses more as too large, and remembers it', async () => {
    const desk = await queued(250, 'OLD');
    const sizes: number[] = [];
    const http = recording(desk.httpClient()!, sizes, FIRST_MAX_PUSH_BATCH);
    const tally = await pushPending(depsOf(desk, http));
    expect(tally.pushed).toBe(250);
    expect(tally.errors).toBe(0);
    // The first batch refused, once; then the queue again from its start, 100 at a time.
    expect(sizes).toEqual([250, 100, 100, 50]);
    await desk.suppliers.createMany(Array.from({ length: 150 }, (_, i) => ({ code: `OLD2-${i}`, name: `Old ${i}` })));
    sizes.length = 0;
    expect((await pushPending(depsOf(desk, http))).pushed).toBe(150);
    expect(sizes).toEqual([100, 50]);
  });
});
