import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, newId } from '../../../shared';
import { op, pull, push, seedReference, startHarness, type Desk, type Harness } from '../../test/harness';

/**
 * Issue 13, "A desk must never be stuck behind one op" and "The server enforces what the desk enforces": each
 * hostile op is that op's own error item (naming the field) or a stored conflict, and the rest of its batch
 * applies. Never a 5xx, never a silent overwrite.
 */
describe('hostile push ops', () => {
  let h: Harness;
  let clerk: Desk;
  let supervisor: Desk;
  let refs: Awaited<ReturnType<typeof seedReference>>;
  beforeAll(async () => {
    h = await startHarness();
    refs = await seedReference(h);
    clerk = await h.desk('clerk');
    supervisor = await h.desk('supervisor');
  });
  afterAll(async () => h?.close());

  const paymentData = (extra: Record<string, unknown> = {}) => ({
    uuid: newId(),
    supplier_uuid: refs.supplier.uuid,
    amount_minor: 50000,
    type: 'advance',
    method: 'cash',
    paid_at: '2026-11-20T08:00:00Z',
    ...extra,
  });
  const collectionData = (extra: Record<string, unknown> = {}) => ({
    uuid: newId(),
    supplier_uuid: refs.supplier.uuid,
    product_uuid: refs.product.uuid,
    collected_at: '2026-11-20T07:45:00Z',
    quantity_milli: 12500,
    ...extra,
  });

  /** Pushes a bad op between two good ones: 200, the bad one alone refused (422 naming `field`). */
  async function refusedAmongGood(bad: Record<string, unknown>, field: string, desk: Desk = clerk) {
    const before = paymentData();
    const after = paymentData();
    const res = await push(h, desk, [op('payments', 'create', before), bad, op('payments', 'create', after)]);
    expect(res.status).toBe(200);
    expect(res.body.results.success.map((s: { uuid: string }) => s.uuid)).toEqual([before.uuid, after.uuid]);
    expect(res.body.results.errors).toHaveLength(1);
    const error = res.body.results.errors[0];
    expect(error).toMatchObject({ status: 422 });
    expect(Object.keys(error.fields ?? {})).toContain(field);
    return error;
  }

  async function paymentRow(uuid: string) {
    const { rows } = await sql<Record<string, unknown>>`select * from payments where uuid = ${uuid}`.execute(h.test.db);
    return rows[0];
  }

  describe('every op is checked before it is applied', () => {
    it('refuses a collection whose quantity × rate passes the safe range', async () => {
      const bad = collectionData({ quantity_milli: Number.MAX_SAFE_INTEGER });
      await refusedAmongGood(op('collections', 'create', bad), 'quantity_milli');
    });

    it('refuses a paid_at whose UTC instant passes 9999, and one outside the date window', async () => {
      const error = await refusedAmongGood(
        op('payments', 'create', paymentData({ paid_at: '9999-12-31T23:00:00-05:00' })),
        'paid_at',
      );
      expect(error.fields.paid_at).toMatch(/2000-01-01.*2100-01-01/);
      await refusedAmongGood(op('payments', 'create', paymentData({ paid_at: '1999-12-31T23:59:59Z' })), 'paid_at');
      await refusedAmongGood(
        op('product_rates', 'create', {
          uuid: newId(),
          product_uuid: refs.product.uuid,
          rate_minor: 100,
          effective_from: '2100-01-02',
        }),
        'effective_from',
        supervisor,
      );
    });

    it('refuses data nested 10,000 deep without overflowing the stack', async () => {
      // Written by hand: JSON.stringify itself would overflow on it.
      const nested = `${'{"deeper":'.repeat(10_000)}"bottom"${'}'.repeat(10_000)}`;
      const good = paymentData();
      const badOp = JSON.stringify(op('payments', 'create', paymentData())).replace(/}}$/, `,"extra":${nested}}}`);
      const goodOp = JSON.stringify(op('payments', 'create', good));
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: { ...clerk.auth, 'content-type': 'application/json' },
        payload: `{"device_id":"${clerk.deviceId}","batch":[${badOp},${goodOp}]}`,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.results.success.map((s: { uuid: string }) => s.uuid)).toEqual([good.uuid]);
      expect(body.results.errors[0]).toMatchObject({ status: 422, fields: { data: expect.stringMatching(/nested/) } });
    });

    it('refuses a client_timestamp that would not fit the last_hlc column once the desk skew is applied', async () => {
      const stamp = `0000-01-01T00:00:00.000Z-0000-${'n'.repeat(120 - 30)}`;
      expect(stamp).toHaveLength(120);
      const good = paymentData();
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: { ...clerk.auth, 'x-client-time': new Date(Date.now() + 86_400_000).toISOString() },
        payload: {
          device_id: clerk.deviceId,
          batch: [op('payments', 'create', paymentData(), { client_timestamp: stamp }), op('payments', 'create', good)],
        },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.results.success.map((s: { uuid: string }) => s.uuid)).toEqual([good.uuid]);
      expect(body.results.errors[0]).toMatchObject({ status: 422, fields: { client_timestamp: expect.any(String) } });
    });
  });

  it('answers a resolution with a quantity whose amount passes the safe range with 422, not 500', async () => {
    const collection = collectionData();
    await push(h, clerk, [op('collections', 'create', collection)]);
    const res = await push(h, clerk, [op('collections', 'update', { uuid: collection.uuid, quantity_milli: 2 })]);
    const conflict = res.body.results.conflicts[0];
    const resolved = await h.app.inject({
      method: 'POST',
      url: `/api/v1/conflicts/${conflict.conflict_id}/resolve`,
      headers: supervisor.auth,
      payload: { data: { quantity_milli: Number.MAX_SAFE_INTEGER }, base_version: 1 },
    });
    expect(resolved.statusCode).toBe(422);
    expect(resolved.json().error.fields).toHaveProperty(['data.quantity_milli']);
  });

  describe('strings MariaDB would alter', () => {
    it('refuses NUL and lone surrogates, naming the field', async () => {
      await refusedAmongGood(op('payments', 'create', paymentData({ notes: 'a\u0000b' })), 'notes');
      await refusedAmongGood(op('payments', 'create', paymentData({ reference: 'x\uD800y' })), 'reference');
      await refusedAmongGood(
        op('suppliers', 'create', { uuid: newId(), code: `S-${newId().slice(-6)}`, name: 'Bad \uDC00 name' }),
        'name',
      );
    });
  });

  describe('voided payments', () => {
    async function voided() {
      const payment = paymentData();
      await push(h, clerk, [op('payments', 'create', payment)]);
      const voidRes = await push(h, supervisor, [
        op(
          'payments',
          'update',
          { uuid: payment.uuid, version: 1, voided_at: '2026-11-21T09:00:00Z', void_reason: 'Entered twice' },
          { changed_fields: ['voided_at', 'void_reason'] },
        ),
      ]);
      expect(voidRes.body.results.success[0].entity.version).toBe(2);
      return payment;
    }

    it('refuses an offline edit made before the void', async () => {
      const payment = await voided();
      const res = await push(h, clerk, [
        op('payments', 'update', { uuid: payment.uuid, version: 1, notes: 'late' }, { changed_fields: ['notes'] }),
      ]);
      expect(res.body.results.errors[0]).toMatchObject({ status: 422, fields: { voided_at: expect.any(String) } });
      expect((await paymentRow(payment.uuid))!.notes).toBe('');
    });

    it('refuses a direct edit at the current version', async () => {
      const payment = await voided();
      const res = await push(h, supervisor, [
        op(
          'payments',
          'update',
          { uuid: payment.uuid, version: 2, amount_minor: 1 },
          { changed_fields: ['amount_minor'] },
        ),
      ]);
      expect(res.body.results.errors[0]).toMatchObject({ status: 422, fields: { voided_at: expect.any(String) } });
      expect(Number((await paymentRow(payment.uuid))!.amount_minor)).toBe(50000);
    });

    it('still takes a second void with another reason as a conflict for a supervisor', async () => {
      const payment = await voided();
      const other = await h.desk('supervisor');
      const res = await push(h, other, [
        op(
          'payments',
          'update',
          { uuid: payment.uuid, version: 1, voided_at: '2026-11-21T10:00:00Z', void_reason: 'Wrong supplier' },
          { changed_fields: ['voided_at', 'void_reason'] },
        ),
      ]);
      expect(res.body.results.conflicts[0]).toMatchObject({ resolution: 'manual' });
    });
  });

  it('takes an update of money without version or updated_at as based on version 0: a stored conflict', async () => {
    const payment = paymentData();
    await push(h, clerk, [op('payments', 'create', payment)]);
    const res = await push(h, clerk, [
      op('payments', 'update', { uuid: payment.uuid, amount_minor: 1 }, { changed_fields: ['amount_minor'] }),
    ]);
    expect(res.body.results.conflicts[0]).toMatchObject({ client_version: 0, resolution: 'manual' });
    expect(Number((await paymentRow(payment.uuid))!.amount_minor)).toBe(50000);
    const collection = collectionData();
    await push(h, clerk, [op('collections', 'create', collection)]);
    const again = await push(h, clerk, [op('collections', 'update', { uuid: collection.uuid, quantity_milli: 1 })]);
    expect(again.body.results.conflicts[0]).toMatchObject({ client_version: 0, resolution: 'manual' });
  });

  it('stores a second create of one uuid with a different body from another desk as a conflict', async () => {
    const payment = paymentData();
    await push(h, clerk, [op('payments', 'create', payment)]);
    const otherDesk = await h.desk('clerk');
    const same = await push(h, otherDesk, [op('payments', 'create', payment)]);
    expect(same.body.results.success[0]).toMatchObject({ message: 'Already exists' });
    const res = await push(h, otherDesk, [op('payments', 'create', { ...payment, amount_minor: 70000 })]);
    expect(res.body.results.conflicts[0]).toMatchObject({ resolution: 'manual', client_data: { amount_minor: 70000 } });
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from conflicts where entity_uuid = ${payment.uuid} and status = 'open'`.execute(h.test.db);
    expect(Number(rows[0]!.n)).toBe(1);
    expect(Number((await paymentRow(payment.uuid))!.amount_minor)).toBe(50000);
  });

  describe('fields the op may not carry', () => {
    it('refuses unknown fields in data, naming them', async () => {
      await refusedAmongGood(op('payments', 'create', paymentData({ colour: 'red' })), 'colour');
    });

    it('refuses fields outside changed_fields, naming them', async () => {
      const res = await push(h, clerk, [
        op(
          'suppliers',
          'update',
          { uuid: refs.supplier.uuid, version: 1, phone: '0700', name: 'Sneaky' },
          { changed_fields: ['phone'] },
        ),
      ]);
      expect(res.body.results.errors[0]).toMatchObject({ status: 422, fields: { name: expect.any(String) } });
    });

    it('still takes a desk create carrying its whole row', async () => {
      const row = {
        ...paymentData(),
        version: 0,
        created_at: '2026-11-20T08:00:00.000Z',
        updated_at: '2026-11-20T08:00:00.000Z',
        deleted_at: null,
        created_by: null,
        updated_by: null,
        reference: '',
        notes: '',
        voided_at: null,
        void_reason: null,
      };
      const res = await push(h, clerk, [op('payments', 'create', row)]);
      expect(res.body.results.success).toHaveLength(1);
    });
  });

  it('treats a retry that spells out defaults as the same op', async () => {
    const first = op('payments', 'create', paymentData());
    const one = await push(h, clerk, [first]);
    const two = await push(h, clerk, [{ ...first, data: { ...first.data, notes: '', reference: '' } }]);
    expect(two.body.results.success[0]).toEqual(one.body.results.success[0]);
  });

  describe('pull', () => {
    it('refuses a cursor that is not a safe integer', async () => {
      const res = await pull(h, clerk, { cursor: '99999999999999999999' });
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toHaveProperty('cursor');
    });

    it('refuses a last_sync_at outside the date window', async () => {
      const res = await pull(h, clerk, { last_sync_at: '1900-01-01T00:00:00Z' });
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toHaveProperty('last_sync_at');
      expect((await pull(h, clerk, { last_sync_at: '2026-01-01T00:00:00Z' })).status).toBe(200);
    });
  });
});

describe('a disputed create under last_write_wins', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ conflictPolicy: { ...DEFAULT_POLICY, suppliers: 'last_write_wins' } });
  });
  afterAll(async () => h?.close());

  it('is checked like any write: a winning create may not take another supplier’s code', async () => {
    const desk = await h.desk('clerk');
    const a = { uuid: newId(), code: `A-${newId().slice(-6)}`, name: 'First' };
    const b = { uuid: newId(), code: `B-${newId().slice(-6)}`, name: 'Second' };
    await push(h, desk, [op('suppliers', 'create', a), op('suppliers', 'create', b)]);
    const later = `${new Date().toISOString()}-0000-other`;
    const res = await push(h, await h.desk('clerk'), [
      op('suppliers', 'create', { ...b, code: a.code }, { client_timestamp: later }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.errors[0]).toMatchObject({ status: 422, fields: { code: expect.any(String) } });
    const won = await push(h, await h.desk('clerk'), [
      op(
        'suppliers',
        'create',
        { ...b, name: 'Renamed' },
        { client_timestamp: `${new Date().toISOString()}-0001-other` },
      ),
    ]);
    expect(won.body.results.conflicts[0]).toMatchObject({ resolution: 'last_write_wins', entity: { name: 'Renamed' } });
  });
});
