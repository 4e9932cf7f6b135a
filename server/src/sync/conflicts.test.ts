import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, formatHlc, newId } from '../../../shared';
import { op, push, seedReference, startHarness, type Harness } from '../../test/harness';

const stamp = (iso: string, node: string, counter = 0) => formatHlc({ wallMs: Date.parse(iso), counter, node });

async function storedConflict(h: Harness, id: string) {
  const row = await h.test.db.selectFrom('conflicts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { ...row, client_data: JSON.parse(row.client_data), server_data: JSON.parse(row.server_data) };
}

describe('conflicts with the shipped policies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('merges edits of different fields made from the same base: no conflict, both kept', async () => {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('clerk'), await h.desk('clerk')];
    await push(h, a, [
      op('suppliers', 'update', { uuid: supplier.uuid, version: 1, phone: '0700 111' }, { changed_fields: ['phone'] }),
    ]);
    const res = await push(h, b, [
      op(
        'suppliers',
        'update',
        { uuid: supplier.uuid, version: 1, address: 'Plot 7, Kericho' },
        { changed_fields: ['address'] },
      ),
    ]);
    expect(res.body.results.conflicts).toEqual([]);
    expect(res.body.results.success[0]).toMatchObject({
      merged: true,
      entity: { version: 3, phone: '0700 111', address: 'Plot 7, Kericho' },
    });
  });

  it('detects a concurrent edit of the same field and keeps the server row (server_wins for suppliers)', async () => {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('clerk'), await h.desk('clerk')];
    await push(h, a, [
      op('suppliers', 'update', { uuid: supplier.uuid, version: 1, phone: 'A' }, { changed_fields: ['phone'] }),
    ]);
    const losing = op(
      'suppliers',
      'update',
      { uuid: supplier.uuid, version: 1, phone: 'B' },
      { changed_fields: ['phone'] },
    );
    const res = await push(h, b, [losing]);
    const conflict = res.body.results.conflicts[0];
    expect(conflict).toMatchObject({
      op_id: losing.op_id,
      type: 'concurrent',
      resolution: 'server_wins',
      client_version: 1,
      server_version: 2,
      client_data: { phone: 'B' },
      server_data: { phone: 'A' },
      entity: { phone: 'A', version: 2 },
    });
    const stored = await storedConflict(h, conflict.conflict_id);
    expect(stored).toMatchObject({
      status: 'auto',
      type: 'concurrent',
      client_data: { phone: 'B' },
      server_data: { phone: 'A' },
      device_id: b.deviceId,
    });
  });

  it('treats the same value written on both sides as no conflict', async () => {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('clerk'), await h.desk('clerk')];
    await push(h, a, [
      op('suppliers', 'update', { uuid: supplier.uuid, version: 1, region: 'Kericho' }, { changed_fields: ['region'] }),
    ]);
    const res = await push(h, b, [
      op('suppliers', 'update', { uuid: supplier.uuid, version: 1, region: 'Kericho' }, { changed_fields: ['region'] }),
    ]);
    expect(res.body.results.success[0]).toMatchObject({ merged: true, entity: { version: 2 } });
  });

  it('reports a version conflict when a stale client sends no changed_fields', async () => {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('clerk'), await h.desk('clerk')];
    await push(h, a, [op('suppliers', 'update', { uuid: supplier.uuid, version: 1, notes: 'first' })]);
    const res = await push(h, b, [op('suppliers', 'update', { uuid: supplier.uuid, version: 1, region: 'Nandi' })]);
    expect(res.body.results.conflicts[0]).toMatchObject({
      type: 'version',
      message: 'Server data is newer',
      entity: { notes: 'first', region: '' },
    });
  });

  it('reports a timestamp conflict for an old client whose updated_at is older', async () => {
    const { supplier } = await seedReference(h);
    const clerk = await h.desk('clerk');
    const res = await push(h, clerk, [
      {
        entity_type: 'suppliers',
        operation: 'update',
        data: { uuid: supplier.uuid, name: 'Old name', updated_at: '2020-01-01T00:00:00Z' },
      },
    ]);
    expect(res.body.results.conflicts[0]).toMatchObject({ type: 'timestamp', client_version: null });
    const fresh = await push(h, clerk, [
      {
        entity_type: 'suppliers',
        operation: 'update',
        data: { uuid: supplier.uuid, name: 'New name', updated_at: new Date(Date.now() + 1000).toISOString() },
      },
    ]);
    expect(fresh.body.results.success[0].entity.name).toBe('New name');
  });

  it('reports deleted conflicts: an edit of a deleted row, and a delete of a row changed since its base', async () => {
    const { supervisor, supplier, product } = await seedReference(h);
    const clerk = await h.desk('clerk');
    const c = {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 1000,
      collected_at: '2026-11-20T08:00:00Z',
    };
    await push(h, clerk, [op('collections', 'create', c)]);
    await push(h, supervisor, [op('collections', 'delete', { uuid: c.uuid, version: 1 })]);
    const edit = await push(h, clerk, [
      op(
        'collections',
        'update',
        { uuid: c.uuid, version: 1, quantity_milli: 2000 },
        { changed_fields: ['quantity_milli'] },
      ),
    ]);
    expect(edit.body.results.conflicts[0]).toMatchObject({ type: 'deleted', resolution: 'manual' });
    expect(edit.body.results.conflicts[0].entity.deleted_at).not.toBeNull();

    await push(h, clerk, [
      op('suppliers', 'update', { uuid: supplier.uuid, version: 1, phone: '1' }, { changed_fields: ['phone'] }),
    ]);
    const del = await push(h, supervisor, [op('suppliers', 'delete', { uuid: supplier.uuid, version: 1 })]);
    expect(del.body.results.conflicts[0]).toMatchObject({ type: 'deleted', entity: { deleted_at: null } });
  });

  it('opens a manual conflict for money (payments) and never overwrites the server row', async () => {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('clerk'), await h.desk('clerk')];
    const payment = {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      amount_minor: 50000,
      type: 'advance',
      method: 'cash',
    };
    await push(h, a, [op('payments', 'create', payment)]);
    await push(h, a, [
      op(
        'payments',
        'update',
        { uuid: payment.uuid, version: 1, amount_minor: 45000 },
        { changed_fields: ['amount_minor'] },
      ),
    ]);
    const res = await push(h, b, [
      op(
        'payments',
        'update',
        { uuid: payment.uuid, version: 1, amount_minor: 55000 },
        { changed_fields: ['amount_minor'] },
      ),
    ]);
    const conflict = res.body.results.conflicts[0];
    expect(conflict).toMatchObject({ type: 'concurrent', resolution: 'manual', entity: { amount_minor: 45000 } });
    expect(conflict.message).toMatch(/supervisor/);
    expect((await storedConflict(h, conflict.conflict_id)).status).toBe('open');
  });

  it('never un-voids a payment', async () => {
    const { supervisor, supplier } = await seedReference(h);
    const payment = { uuid: newId(), supplier_uuid: supplier.uuid, amount_minor: 100, type: 'advance', method: 'cash' };
    await push(h, supervisor, [op('payments', 'create', payment)]);
    const voided = await push(h, supervisor, [
      op(
        'payments',
        'update',
        { uuid: payment.uuid, version: 1, voided_at: '2026-11-20T09:00:00Z', void_reason: 'Entered twice' },
        { changed_fields: ['voided_at', 'void_reason'] },
      ),
    ]);
    expect(voided.body.results.success[0].entity).toMatchObject({
      voided_at: '2026-11-20T09:00:00.000Z',
      void_reason: 'Entered twice',
    });
    const undo = await push(h, supervisor, [
      op('payments', 'update', { uuid: payment.uuid, version: 2, voided_at: null }, { changed_fields: ['voided_at'] }),
    ]);
    expect(undo.body.results.errors[0].fields).toEqual({ voided_at: 'cannot be cleared once set' });
  });

  it('lets a later op of the same batch build on an earlier one (create then edit offline)', async () => {
    const { supplier, product } = await seedReference(h);
    const clerk = await h.desk('clerk');
    const c = {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 1000,
      collected_at: '2026-11-20T08:00:00Z',
    };
    const res = await push(h, clerk, [
      op('collections', 'create', c),
      op(
        'collections',
        'update',
        { uuid: c.uuid, version: 0, quantity_milli: 3000 },
        { changed_fields: ['quantity_milli'] },
      ),
    ]);
    expect(res.body.results.conflicts).toEqual([]);
    expect(res.body.results.success[1].entity).toMatchObject({ version: 2, quantity_milli: 3000, amount_minor: 9825 });
  });
});

describe('last_write_wins by hybrid logical clock', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      conflictPolicy: { ...DEFAULT_POLICY, suppliers: 'last_write_wins' },
    });
  });
  afterAll(async () => h?.close());

  it('lets the later stamp win', async () => {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('clerk'), await h.desk('clerk')];
    const t = Date.now();
    await push(h, a, [
      op(
        'suppliers',
        'update',
        { uuid: supplier.uuid, version: 1, phone: 'A' },
        { changed_fields: ['phone'], client_timestamp: stamp(new Date(t - 60_000).toISOString(), 'deskA') },
      ),
    ]);
    const res = await push(h, b, [
      op(
        'suppliers',
        'update',
        { uuid: supplier.uuid, version: 1, phone: 'B' },
        { changed_fields: ['phone'], client_timestamp: stamp(new Date(t - 30_000).toISOString(), 'deskB') },
      ),
    ]);
    expect(res.body.results.conflicts[0]).toMatchObject({
      resolution: 'last_write_wins',
      server_data: { phone: 'A' },
      entity: { phone: 'B' },
    });
    expect((await storedConflict(h, res.body.results.conflicts[0].conflict_id)).status).toBe('auto');
  });

  it('does not let a desk whose clock runs an hour ahead win by lying', async () => {
    const { supplier } = await seedReference(h);
    const [fast, honest] = [await h.desk('clerk'), await h.desk('clerk')];
    // The fast desk edits first (its clock claims an hour from now); the honest desk edits truly later.
    const lie = stamp(new Date(Date.now() + 3_600_000).toISOString(), 'fast');
    await push(h, fast, [
      op(
        'suppliers',
        'update',
        { uuid: supplier.uuid, version: 1, phone: 'fast' },
        { changed_fields: ['phone'], client_timestamp: lie },
      ),
    ]);
    await new Promise((r) => setTimeout(r, 20));
    const res = await push(h, honest, [
      op(
        'suppliers',
        'update',
        { uuid: supplier.uuid, version: 1, phone: 'honest' },
        { changed_fields: ['phone'], client_timestamp: stamp(new Date().toISOString(), 'honest') },
      ),
    ]);
    expect(res.body.results.conflicts[0].entity.phone).toBe('honest');
  });

  it('keeps the server row when the client stamp is older, and stores the loser', async () => {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('clerk'), await h.desk('clerk')];
    await push(h, a, [
      op(
        'suppliers',
        'update',
        { uuid: supplier.uuid, version: 1, name: 'Newer' },
        { changed_fields: ['name'], client_timestamp: stamp(new Date().toISOString(), 'a') },
      ),
    ]);
    const res = await push(h, b, [
      op(
        'suppliers',
        'update',
        { uuid: supplier.uuid, version: 1, name: 'Older' },
        { changed_fields: ['name'], client_timestamp: stamp(new Date(Date.now() - 600_000).toISOString(), 'b') },
      ),
    ]);
    const conflict = res.body.results.conflicts[0];
    expect(conflict.entity.name).toBe('Newer');
    expect((await storedConflict(h, conflict.conflict_id)).client_data).toMatchObject({ name: 'Older' });
  });
});
