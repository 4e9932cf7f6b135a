import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { op, push, seedReference, startHarness, type Desk, type Harness } from '../../test/harness';

/** What a supervisor's resolution does to the row: a new version, a restore, or nothing (closed as it is). */
describe('resolving a conflict', () => {
  let h: Harness;
  let supervisor: Desk;
  beforeAll(async () => {
    h = await startHarness();
    supervisor = await h.desk('supervisor');
  });
  afterAll(async () => h?.close());

  const resolve = (id: string, payload: unknown) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/conflicts/${id}/resolve`,
      headers: supervisor.auth,
      payload: payload as object,
    });
  const row = (table: 'payments' | 'collections', uuid: string) =>
    h.test.db.selectFrom(table).selectAll().where('uuid', '=', uuid).executeTakeFirstOrThrow();
  const status = async (id: string) =>
    (await h.test.db.selectFrom('conflicts').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  /** Two supervisors' desks void the same payment from version 1 with different reasons. */
  async function voidConflict() {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('supervisor'), await h.desk('supervisor')];
    const payment = {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      amount_minor: 50_000,
      type: 'advance',
      method: 'cash',
    };
    await push(h, a, [op('payments', 'create', payment)]);
    const voidAs = (desk: Desk, at: string, reason: string) =>
      push(h, desk, [
        op(
          'payments',
          'update',
          { uuid: payment.uuid, version: 1, voided_at: at, void_reason: reason },
          { changed_fields: ['voided_at', 'void_reason'] },
        ),
      ]);
    await voidAs(a, '2026-11-20T09:00:00Z', 'Entered twice');
    const res = await voidAs(b, '2026-11-20T09:05:00Z', 'Supplier returned the cash');
    return { payment, conflict: res.body.results.conflicts[0] };
  }

  /** A supervisor deletes a collection; a clerk, offline, had changed its quantity from version 1. */
  async function deletedConflict() {
    const { supervisor: boss, supplier, product } = await seedReference(h);
    const clerk = await h.desk('clerk');
    const c = {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 1000,
      collected_at: '2026-11-20T08:00:00Z',
    };
    await push(h, clerk, [op('collections', 'create', c)]);
    await push(h, boss, [op('collections', 'delete', { uuid: c.uuid, version: 1 })]);
    const res = await push(h, clerk, [
      op(
        'collections',
        'update',
        { uuid: c.uuid, version: 1, quantity_milli: 2000 },
        { changed_fields: ['quantity_milli'] },
      ),
    ]);
    return { collection: c, conflict: res.body.results.conflicts[0] };
  }

  it('writes the chosen void reason as a new version', async () => {
    const { payment, conflict } = await voidConflict();
    expect(conflict).toMatchObject({ type: 'concurrent', resolution: 'manual', server_version: 2 });
    const res = await resolve(conflict.conflict_id, {
      data: { voided_at: '2026-11-20T09:05:00.000Z', void_reason: 'Supplier returned the cash' },
      base_version: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().entity).toMatchObject({ version: 3, void_reason: 'Supplier returned the cash' });
    expect(await row('payments', payment.uuid)).toMatchObject({
      version: 3,
      void_reason: 'Supplier returned the cash',
    });
    expect(await status(conflict.conflict_id)).toBe('resolved');
  });

  it("makes a new version even when the supervisor keeps the server's values, so every desk converges on it", async () => {
    const { payment, conflict } = await voidConflict();
    const res = await resolve(conflict.conflict_id, {
      data: { voided_at: '2026-11-20T09:00:00.000Z', void_reason: 'Entered twice' },
      base_version: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await row('payments', payment.uuid)).toMatchObject({ version: 3, void_reason: 'Entered twice' });
  });

  it('closes a conflict without changing the row', async () => {
    const { payment, conflict } = await voidConflict();
    const res = await resolve(conflict.conflict_id, { action: 'close', base_version: 2, note: 'A was right' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await row('payments', payment.uuid)).toMatchObject({ version: 2, void_reason: 'Entered twice' });
    expect(await status(conflict.conflict_id)).toBe('resolved');
    const withData = await voidConflict();
    const refused = await resolve(withData.conflict.conflict_id, {
      action: 'close',
      data: { void_reason: 'x' },
      base_version: 2,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields).toHaveProperty('data');
  });

  it('resolves a deleted conflict by keeping the row deleted', async () => {
    const { collection, conflict } = await deletedConflict();
    expect(conflict).toMatchObject({ type: 'deleted', resolution: 'manual' });
    const res = await resolve(conflict.conflict_id, { action: 'close', base_version: 2 });
    expect(res.statusCode, res.body).toBe(200);
    const kept = await row('collections', collection.uuid);
    expect(kept.version).toBe(2);
    expect(kept.deleted_at).not.toBeNull();
    expect(await status(conflict.conflict_id)).toBe('resolved');
  });

  it("resolves a deleted conflict by restoring the row with the desk's data", async () => {
    const { collection, conflict } = await deletedConflict();
    const res = await resolve(conflict.conflict_id, {
      data: { deleted_at: null, quantity_milli: 2000 },
      base_version: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().entity).toMatchObject({ version: 3, deleted_at: null, quantity_milli: 2000, amount_minor: 6550 });
    expect(await status(conflict.conflict_id)).toBe('resolved');
    expect((await row('collections', collection.uuid)).deleted_at).toBeNull();
  });

  it('validates the body with the shared schema: 422 naming the field, never a 500', async () => {
    const { conflict } = await deletedConflict();
    const huge = await resolve(conflict.conflict_id, {
      data: { deleted_at: null, quantity_milli: 9_000_000_000_000_000 },
      base_version: 2,
    });
    expect(huge.statusCode, huge.body).toBe(422);
    expect(huge.json().error.fields).toHaveProperty(['data.quantity_milli']);
    const large = await resolve(conflict.conflict_id, {
      data: { deleted_at: null, quantity_milli: 4_000_000_000_000_000 },
      base_version: 2,
    });
    expect(large.statusCode, large.body).toBe(422);
    expect(large.json().error.fields).toHaveProperty(['data.quantity_milli']);
    const unknown = await resolve(conflict.conflict_id, { data: { bogus: 1, amount_minor: 5 }, base_version: 2 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields.data).toMatch(/bogus, amount_minor/);
    expect(await status(conflict.conflict_id)).toBe('open');
  });

  it('never deletes a payment through a resolution', async () => {
    const { conflict } = await voidConflict();
    const res = await resolve(conflict.conflict_id, { data: { deleted_at: '2026-11-20T10:00:00Z' }, base_version: 2 });
    expect(res.statusCode).toBe(422);
    expect(await status(conflict.conflict_id)).toBe('open');
  });
});
