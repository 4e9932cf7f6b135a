import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { op, push, seedReference, startHarness, type Desk, type Harness } from '../../test/harness';

describe('conflict endpoints', () => {
  let h: Harness;
  let supervisor: Desk;
  let clerkA: Desk;
  let clerkB: Desk;
  beforeAll(async () => {
    h = await startHarness();
    supervisor = await h.desk('supervisor');
    clerkA = await h.desk('clerk');
    clerkB = await h.desk('clerk');
  });
  afterAll(async () => h?.close());

  const get = (desk: Desk, status?: string) =>
    h.app.inject({ method: 'GET', url: `/api/v1/conflicts${status ? `?status=${status}` : ''}`, headers: desk.auth });
  const resolve = (desk: Desk, id: string, payload: unknown) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/conflicts/${id}/resolve`,
      headers: desk.auth,
      payload: payload as object,
    });

  /** Two clerks change the same payment's amount from version 1: the second gets a manual conflict. */
  async function paymentConflict() {
    const { supplier } = await seedReference(h);
    const payment = {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      amount_minor: 50_000,
      type: 'advance',
      method: 'cash',
      reference: '',
    };
    await push(h, clerkA, [op('payments', 'create', payment)]);
    await push(h, clerkA, [
      op(
        'payments',
        'update',
        { uuid: payment.uuid, version: 1, amount_minor: 45_000, reference: 'A-REF' },
        { changed_fields: ['amount_minor', 'reference'] },
      ),
    ]);
    const res = await push(h, clerkB, [
      op(
        'payments',
        'update',
        { uuid: payment.uuid, version: 1, amount_minor: 55_000, notes: 'B note' },
        { changed_fields: ['amount_minor', 'notes'] },
      ),
    ]);
    return { payment, conflict: res.body.results.conflicts[0] };
  }

  it('lists conflicts for supervisors only, filtered by status', async () => {
    const { conflict } = await paymentConflict();
    expect((await get(clerkA)).statusCode).toBe(403);
    const open = (await get(supervisor)).json().conflicts;
    expect(open.map((c: { conflict_id: string }) => c.conflict_id)).toContain(conflict.conflict_id);
    const item = open.find((c: { conflict_id: string }) => c.conflict_id === conflict.conflict_id);
    expect(item).toMatchObject({
      entity_type: 'payments',
      type: 'concurrent',
      resolution: 'manual',
      status: 'open',
      device_id: clerkB.deviceId,
      client_data: { amount_minor: 55_000 },
      server_data: { amount_minor: 45_000 },
    });
    expect(
      (await get(supervisor, 'resolved')).json().conflicts.map((c: { conflict_id: string }) => c.conflict_id),
    ).not.toContain(conflict.conflict_id);
    expect((await get(supervisor, 'bogus')).statusCode).toBe(422);
  });

  it('resolves: 403 for clerks before anything else, 422, 404, 409 VERSION_MISMATCH, then a new version, then 409 ALREADY_RESOLVED', async () => {
    const { payment, conflict } = await paymentConflict();
    expect((await resolve(clerkA, conflict.conflict_id, { nonsense: true })).statusCode).toBe(403);
    expect((await resolve(supervisor, conflict.conflict_id, { data: {} })).json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { base_version: 'is required' },
    });
    expect((await resolve(supervisor, newId(), { data: {}, base_version: 1 })).statusCode).toBe(404);
    // B's notes merged at once (version 3): only the amount waits for the supervisor.
    expect(conflict.entity).toMatchObject({ version: 3, notes: 'B note', reference: 'A-REF' });
    const stale = await resolve(supervisor, conflict.conflict_id, { data: { amount_minor: 55_000 }, base_version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_MISMATCH');
    const bad = await resolve(supervisor, conflict.conflict_id, { data: { amount_minor: -5 }, base_version: 3 });
    expect(bad.statusCode).toBe(422);
    // Amount from the losing clerk, reference from the winner, the loser's note: one field from each side.
    const ok = await resolve(supervisor, conflict.conflict_id, {
      data: { amount_minor: 55_000, reference: 'A-REF', notes: 'B note' },
      base_version: 3,
      note: 'Checked the paper receipt',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().entity).toMatchObject({
      uuid: payment.uuid,
      version: 4,
      amount_minor: 55_000,
      reference: 'A-REF',
      notes: 'B note',
    });
    const again = await resolve(supervisor, conflict.conflict_id, { data: { amount_minor: 1 }, base_version: 4 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_RESOLVED');
    const resolved = (await get(supervisor, 'resolved'))
      .json()
      .conflicts.find((c: { conflict_id: string }) => c.conflict_id === conflict.conflict_id);
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolved_by: expect.any(String),
      resolved_at: expect.stringMatching(/Z$/),
      note: 'Checked the paper receipt',
    });
    const audit = await h.test.db
      .selectFrom('audit')
      .selectAll()
      .where('entity_uuid', '=', conflict.conflict_id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['resolve-conflict']);
  });

  it('reopens an auto-resolved (server_wins) conflict and reverts it to the preserved losing side', async () => {
    const { supplier } = await seedReference(h);
    await push(h, clerkA, [
      op('suppliers', 'update', { uuid: supplier.uuid, version: 1, phone: 'A' }, { changed_fields: ['phone'] }),
    ]);
    const res = await push(h, clerkB, [
      op('suppliers', 'update', { uuid: supplier.uuid, version: 1, phone: 'B' }, { changed_fields: ['phone'] }),
    ]);
    const conflict = res.body.results.conflicts[0];
    expect(conflict.resolution).toBe('server_wins');
    const auto = (await get(supervisor, 'auto'))
      .json()
      .conflicts.find((c: { conflict_id: string }) => c.conflict_id === conflict.conflict_id);
    expect(auto.client_data).toMatchObject({ phone: 'B' });
    const reopened = await h.app.inject({
      method: 'POST',
      url: `/api/v1/conflicts/${conflict.conflict_id}/reopen`,
      headers: supervisor.auth,
    });
    expect(reopened.json().conflict.status).toBe('open');
    const restored = await resolve(supervisor, conflict.conflict_id, {
      data: { phone: auto.client_data.phone },
      base_version: 2,
    });
    expect(restored.json(), restored.body).toHaveProperty('entity');
    expect(restored.json().entity).toMatchObject({ phone: 'B', version: 3 });
  });

  it('tells a clerk how its own conflicts stand', async () => {
    const { conflict } = await paymentConflict();
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/conflicts/status',
      headers: clerkB.auth,
      payload: { ids: [conflict.conflict_id] },
    });
    expect(res.json().conflicts).toHaveLength(1);
    const other = await h.app.inject({
      method: 'POST',
      url: '/api/v1/conflicts/status',
      headers: clerkA.auth,
      payload: { ids: [conflict.conflict_id] },
    });
    expect(other.json().conflicts).toHaveLength(0);
  });
});
