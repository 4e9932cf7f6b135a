import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_TYPES, newId } from '../../../shared';
import { op, pull, push, seedReference, startHarness, type Harness } from '../../test/harness';

describe('POST /api/v1/sync/pull', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('pages by cursor in commit order, with has_more and no duplicates', async () => {
    const clerk = await h.desk('clerk');
    const uuids: string[] = [];
    for (let b = 0; b < 3; b++) {
      const batch = Array.from({ length: 10 }, () => {
        const uuid = newId();
        uuids.push(uuid);
        return op('suppliers', 'create', { uuid, code: `C-${uuid.slice(-8)}`, name: 'Paged' });
      });
      await push(h, clerk, batch);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const res = await pull(h, clerk, { cursor, limit: 7, entity_types: ['suppliers'] });
      expect(res.status).toBe(200);
      seen.push(...(res.body.changes.suppliers ?? []).map((s: { uuid: string }) => s.uuid));
      cursor = res.body.cursor;
      pages++;
      if (!res.body.has_more) break;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(uuids);
    const again = await pull(h, clerk, { cursor });
    expect(again.body).toMatchObject({ changes: {}, cursor, has_more: false });
  });

  it('filters by entity type, caps the limit at 1000, and serves tombstones', async () => {
    const { supervisor, supplier, product } = await seedReference(h);
    const c = {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 1,
      collected_at: '2026-11-20T08:00:00Z',
    };
    await push(h, supervisor, [op('collections', 'create', c)]);
    await push(h, supervisor, [op('collections', 'delete', { uuid: c.uuid, version: 1 })]);
    const res = await pull(h, supervisor, { entity_types: ['collections'], limit: 5000 });
    expect(Object.keys(res.body.changes)).toEqual(['collections']);
    const tomb = res.body.changes.collections.find((r: { uuid: string }) => r.uuid === c.uuid);
    expect(tomb).toMatchObject({ version: 2 });
    expect(tomb.deleted_at).toMatch(/Z$/);

    const many = Array.from({ length: 11 }, () =>
      Array.from({ length: 100 }, () =>
        op('suppliers', 'create', { uuid: newId(), code: `M-${newId().slice(-10)}`, name: 'Many' }),
      ),
    );
    for (const batch of many) await push(h, supervisor, batch);
    const capped = await pull(h, supervisor, { entity_types: ['suppliers'], limit: 5000 });
    expect(capped.body.changes.suppliers).toHaveLength(1000);
    expect(capped.body.has_more).toBe(true);
  });

  it('serves seed clients by last_sync_at', async () => {
    const clerk = await h.desk('clerk');
    await new Promise((r) => setTimeout(r, 10));
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 10));
    const uuid = newId();
    await push(h, clerk, [op('suppliers', 'create', { uuid, code: `L-${uuid.slice(-8)}`, name: 'Late' })]);
    const res = await pull(h, clerk, { last_sync_at: since, entity_types: ['suppliers'], limit: 1000 });
    const got = res.body.changes.suppliers.map((s: { uuid: string }) => s.uuid);
    expect(got).toContain(uuid);
    const future = await pull(h, clerk, { last_sync_at: new Date(Date.now() + 60_000).toISOString() });
    expect(future.body.changes).toEqual({});
  });

  it('validates the body and the device', async () => {
    const clerk = await h.desk('clerk');
    const bad = await pull(h, clerk, { cursor: 'abc', entity_types: ['widgets'], limit: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual({
      cursor: 'must be a cursor returned by a previous pull',
      'entity_types.0': `must be one of: ${ENTITY_TYPES.join(', ')}`,
      limit: 'must be at least 1',
    });
    const other = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: clerk.auth,
      payload: { device_id: newId() },
    });
    expect(other.statusCode).toBe(403);
  });
});
