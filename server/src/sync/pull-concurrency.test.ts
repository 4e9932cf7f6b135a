import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type PullResponse, type PushResponse } from '../../../shared';
import { startHarness, type Desk, type Harness } from '../../test/harness';

/**
 * The no-skip invariant, over real HTTP: 8 desks push 50 batches each while a puller pulls in a loop.
 * Every row must reach the puller exactly once, and the seqs it sees must climb with no gap and no reorder.
 */
describe('pull never skips a row under concurrent pushes', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await startHarness();
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => h?.close());

  async function post<T>(desk: Desk, path: string, body: unknown): Promise<T> {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { ...desk.auth, 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  it('8 pushers × 50 batches, one puller: every row exactly once, seqs in order', async () => {
    const pushers = await Promise.all(Array.from({ length: 8 }, () => h.desk('clerk')));
    const puller = await h.desk('clerk');
    let pushing = true;
    const seen: string[] = [];
    let cursor = '0';
    let pages = 0;
    const pullUntilQuiet = async () => {
      for (;;) {
        const page = await post<PullResponse>(puller, '/api/v1/sync/pull', {
          device_id: puller.deviceId,
          cursor,
          limit: 37,
        });
        pages++;
        seen.push(...(page.changes.suppliers ?? []).map((r) => r.uuid));
        expect(Number(page.cursor)).toBeGreaterThanOrEqual(Number(cursor));
        cursor = page.cursor;
        if (!page.has_more) return;
      }
    };
    const pullLoop = (async () => {
      while (pushing) await pullUntilQuiet();
    })();
    const created: string[] = [];
    await Promise.all(
      pushers.map(async (desk, d) => {
        for (let b = 0; b < 50; b++) {
          const batch = Array.from({ length: 4 }, (_, i) => {
            const uuid = newId();
            created.push(uuid);
            return {
              op_id: newId(),
              entity_type: 'suppliers',
              operation: 'create',
              data: { uuid, code: `D${d}-${b}-${i}-${uuid.slice(-4)}`, name: `Desk ${d}` },
            };
          });
          const res = await post<PushResponse>(desk, '/api/v1/sync/push', { device_id: desk.deviceId, batch });
          expect(res.results.success).toHaveLength(4);
        }
      }),
    );
    pushing = false;
    await pullLoop;
    await pullUntilQuiet();

    expect(created).toHaveLength(1600);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(created));
    const rows = await h.test.db.selectFrom('suppliers').select(['uuid', 'seq']).execute();
    const seqOf = new Map(rows.map((r) => [r.uuid, Number(r.seq)]));
    const order = seen.map((u) => seqOf.get(u)!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order).toEqual(Array.from({ length: order.length }, (_, i) => order[0]! + i));
    expect(pages).toBeGreaterThan(40);
  }, 120_000);
});
