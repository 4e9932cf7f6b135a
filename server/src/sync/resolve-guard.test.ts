import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, parseDateWindow, type DateWindow } from '../../../shared';
import { op, push, seedReference, startHarness, type Desk, type Harness } from '../../test/harness';

/**
 * A supervisor's resolution meets the same guard as a pushed op (op/guard.ts): strings the database would alter
 * and instants outside the deployment's date window are a 422 naming `data.<field>`, and nothing changes.
 */
describe('a resolution passes the push guard', () => {
  let h: Harness;
  let clerk: Desk;
  let supervisor: Desk;
  let refs: Awaited<ReturnType<typeof seedReference>>;
  beforeAll(async () => {
    // A narrower window than the default, so the test shows the configured window is the one applied.
    h = await startHarness({ dateWindow: parseDateWindow('2001-01-01', '2030-01-01') as DateWindow });
    refs = await seedReference(h);
    clerk = await h.desk('clerk');
    supervisor = await h.desk('supervisor');
  });
  afterAll(async () => h?.close());

  /** A collection a clerk changed without a version: a stored conflict for a supervisor. */
  async function collectionConflict() {
    const c = {
      uuid: newId(),
      supplier_uuid: refs.supplier.uuid,
      product_uuid: refs.product.uuid,
      collected_at: '2026-11-20T07:45:00Z',
      quantity_milli: 12_500,
    };
    await push(h, clerk, [op('collections', 'create', c)]);
    const res = await push(h, clerk, [op('collections', 'update', { uuid: c.uuid, notes: 'wet leaf' })]);
    const conflict = res.body.results.conflicts[0] as { conflict_id: string };
    expect(conflict).toBeDefined();
    return { uuid: c.uuid, id: conflict.conflict_id };
  }

  async function refusedWith(data: Record<string, unknown>, field: string) {
    const { uuid, id } = await collectionConflict();
    const before = await h.test.db.selectFrom('collections').selectAll().where('uuid', '=', uuid).executeTakeFirst();
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/v1/conflicts/${id}/resolve`,
      headers: supervisor.auth,
      payload: { data, base_version: 1 },
    });
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.json().error.fields)).toContain(field);
    const after = await h.test.db.selectFrom('collections').selectAll().where('uuid', '=', uuid).executeTakeFirst();
    expect(after).toEqual(before);
    const conflict = await h.test.db.selectFrom('conflicts').select('status').where('id', '=', id).executeTakeFirst();
    expect(conflict?.status).toBe('open');
    return res.json().error.fields[field] as string;
  }

  it('refuses NUL and lone surrogates, naming the field', async () => {
    expect(await refusedWith({ notes: 'a\u0000b' }, 'data.notes')).toMatch(/cannot store/);
    expect(await refusedWith({ notes: 'x\uD800y' }, 'data.notes')).toMatch(/cannot store/);
  });

  it("refuses an instant outside the deployment's date window", async () => {
    const message = await refusedWith({ collected_at: '2031-03-01T08:00:00Z' }, 'data.collected_at');
    expect(message).toMatch(/2001-01-01.*2030-01-01/);
    await refusedWith({ collected_at: '9999-12-31T23:00:00-05:00' }, 'data.collected_at');
  });

  it("refuses a value past its column's length, naming the field", async () => {
    await refusedWith({ notes: 'x'.repeat(100_000) }, 'data.notes');
  });

  it("refuses a supervisor's note the database would alter, and changes nothing", async () => {
    const { uuid, id } = await collectionConflict();
    for (const note of ['a\u0000b', 'x\uDC00']) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/v1/conflicts/${id}/resolve`,
        headers: supervisor.auth,
        payload: { action: 'close', base_version: 1, note },
      });
      expect(res.statusCode).toBe(422);
      expect(Object.keys(res.json().error.fields)).toEqual(['note']);
    }
    const conflict = await h.test.db.selectFrom('conflicts').selectAll().where('id', '=', id).executeTakeFirst();
    expect(conflict).toMatchObject({ status: 'open', note: null });
    const row = await h.test.db.selectFrom('collections').select('version').where('uuid', '=', uuid).executeTakeFirst();
    expect(row?.version).toBe(1);
  });

  it('still applies a resolution inside the window', async () => {
    const { uuid, id } = await collectionConflict();
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/v1/conflicts/${id}/resolve`,
      headers: supervisor.auth,
      payload: { data: { notes: 'wet leaf', collected_at: '2029-12-31T08:00:00Z' }, base_version: 1 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().entity).toMatchObject({ uuid, notes: 'wet leaf', version: 2 });
  });
});
