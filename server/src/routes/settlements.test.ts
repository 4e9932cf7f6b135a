import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { op, pull, push, seedReference, startHarness, type Desk, type Harness } from '../../test/harness';

describe('settlement runs on the server', () => {
  let h: Harness;
  let supervisor: Desk;
  let clerk: Desk;
  let supplier: { uuid: string; code: string };
  let product: { uuid: string };
  const advance = newId();

  beforeAll(async () => {
    h = await startHarness({ orgTimeZone: 'UTC' });
    ({ supervisor, supplier, product } = await seedReference(h, 3275));
    clerk = await h.desk('clerk');
  });
  afterAll(async () => h?.close());

  const call = (desk: Desk, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    h.app.inject({ method, url, headers: desk.auth, payload: payload ?? (method === 'POST' ? {} : undefined) });
  const collection = (day: string, kg: number) =>
    op('collections', 'create', {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      collected_at: `${day}T09:00:00Z`,
      quantity_milli: kg * 1000,
    });

  it('keeps charges, credit and payout details valid across their fields', async () => {
    const res = await push(h, supervisor, [
      op('charges', 'create', {
        uuid: newId(),
        code: 'MGT',
        name: 'Management fee',
        kind: 'percent',
        value: 1_500,
        product_uuid: null,
        active_from: '2026-01-01',
        active_to: null,
      }),
      op('charges', 'create', {
        uuid: newId(),
        code: 'TRN',
        name: 'Transport',
        kind: 'per_unit',
        value: 200,
        product_uuid: null,
        active_from: '2026-01-01',
        active_to: null,
      }),
      op('supplier_credits', 'create', {
        uuid: newId(),
        supplier_uuid: supplier.uuid,
        kind: 'loan',
        description: 'School fees loan',
        principal_minor: 100_000,
        instalment_minor: 30_000,
        issued_on: '2026-10-20',
      }),
      op('suppliers', 'update', { uuid: supplier.uuid, version: 1, payout_method: 'mobile' }),
    ]);
    expect(res.body.results.success.map((s: { entity_type: string }) => s.entity_type)).toEqual([
      'charges',
      'supplier_credits',
    ]);
    expect(res.body.results.errors).toEqual([
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        fields: { product_uuid: 'is required for a per-unit charge' },
      }),
      expect.objectContaining({ fields: { mobile_phone: 'is required to pay by mobile money' } }),
    ]);
    const clerkTry = await push(h, clerk, [
      op('charges', 'create', {
        uuid: newId(),
        code: 'X',
        name: 'X',
        kind: 'fixed',
        value: 1,
        product_uuid: null,
        active_from: '2026-01-01',
        active_to: null,
      }),
    ]);
    expect(clerkTry.body.results.errors[0]).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only a supervisor may manage charges',
    });
  });

  it('never accepts settlement rows pushed by a desk, whatever the role', async () => {
    const admin = await h.desk('admin');
    const res = await push(h, admin, [op('settlement_runs', 'create', { uuid: newId(), code: 'FAKE' })]);
    expect(res.body.results.errors[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Settlement runs are computed on the server; desks only read them',
    });
  });

  it('computes a draft from the master records, refuses a stale approval, approves, and closes the period', async () => {
    const recorded = await push(h, clerk, [
      collection('2026-11-03', 100),
      op('payments', 'create', {
        uuid: advance,
        supplier_uuid: supplier.uuid,
        amount_minor: 50_000,
        type: 'advance',
        method: 'cash',
        paid_at: '2026-11-04T10:00:00Z',
      }),
    ]);
    expect(recorded.body.results.success).toHaveLength(2);

    const period = { period_from: '2026-11-01', period_to: '2026-11-15' };
    expect((await call(clerk, 'POST', '/api/v1/settlements', period)).statusCode).toBe(403);
    const bad = await call(supervisor, 'POST', '/api/v1/settlements', { ...period, period_to: '2026-10-01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields).toEqual({ period_to: 'must be on or after the start date' });

    const created = await call(supervisor, 'POST', '/api/v1/settlements', { ...period, code: 'NOV-A' });
    expect(created.statusCode).toBe(200);
    const { run, lines } = created.json();
    expect(run).toMatchObject({ code: 'NOV-A', status: 'draft', suppliers: 1, gross_minor: 327_500 });
    expect(lines).toHaveLength(1);
    // 100 kg × 32.75 = 3,275.00; advance 500.00; 1.5 % fee 49.125 → 49.13; loan instalment 300.00.
    expect(lines[0]).toMatchObject({
      supplier_code: supplier.code,
      gross_minor: 327_500,
      deductions_minor: 50_000 + 4_913 + 30_000,
      net_minor: 327_500 - 84_913,
      payout_reference: `NOV-A-${supplier.code}`,
      payout_status: 'pending',
    });
    expect(JSON.parse(lines[0].deductions_json).map((d: { kind: string }) => d.kind)).toEqual([
      'advance',
      'charge',
      'credit',
    ]);
    expect(JSON.parse(lines[0].credits_json)[0]).toMatchObject({ due_minor: 30_000, remaining_minor: 70_000 });

    await push(h, clerk, [collection('2026-11-05', 10)]);
    const stale = await call(supervisor, 'POST', `/api/v1/settlements/${run.uuid}/approve`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/changed since run NOV-A was computed/);

    const again = await call(supervisor, 'POST', `/api/v1/settlements/${run.uuid}/recompute`);
    expect(again.json().run.gross_minor).toBe(327_500 + 32_750);
    const approved = await call(supervisor, 'POST', `/api/v1/settlements/${run.uuid}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().run).toMatchObject({ status: 'approved', approved_by: expect.any(String) });
    expect((await call(supervisor, 'POST', `/api/v1/settlements/${run.uuid}/recompute`)).statusCode).toBe(422);

    const late = await push(h, clerk, [
      collection('2026-11-10', 5),
      op('payments', 'update', { uuid: advance, version: 1, amount_minor: 40_000 }),
      collection('2026-11-16', 5),
    ]);
    expect(late.body.results.errors).toEqual([
      expect.objectContaining({
        status: 422,
        code: 'PERIOD_CLOSED',
        message: expect.stringContaining('settlement run NOV-A'),
        fields: { collected_at: expect.stringContaining('NOV-A') },
      }),
      expect.objectContaining({ code: 'PERIOD_CLOSED', fields: { paid_at: expect.stringContaining('NOV-A') } }),
    ]);
    expect(late.body.results.success).toHaveLength(1);
    const supervisorVoid = await push(h, supervisor, [
      op('payments', 'update', { uuid: advance, version: 1, voided_at: '2026-11-20T10:00:00Z', void_reason: 'wrong' }),
    ]);
    expect(supervisorVoid.body.results.errors[0]).toMatchObject({ code: 'PERIOD_CLOSED' });

    const overlapping = await call(supervisor, 'POST', '/api/v1/settlements', {
      period_from: '2026-11-15',
      period_to: '2026-11-30',
    });
    expect(overlapping.statusCode).toBe(422);
    expect(overlapping.json().error).toMatchObject({
      code: 'PERIOD_CLOSED',
      fields: { period_from: 'overlaps settlement run NOV-A' },
    });

    const pulled = await pull(h, clerk, {});
    expect(pulled.body.changes.settlement_runs).toEqual([
      expect.objectContaining({ code: 'NOV-A', status: 'approved' }),
    ]);
    expect(
      pulled.body.changes.settlement_lines.filter((l: { deleted_at: string | null }) => !l.deleted_at),
    ).toHaveLength(1);
  });

  it('brings the credit balance into the next run and records payout results', async () => {
    const next = await call(supervisor, 'POST', '/api/v1/settlements', {
      period_from: '2026-11-16',
      period_to: '2026-11-30',
    });
    expect(next.statusCode).toBe(200);
    const credit = JSON.parse(next.json().lines[0].credits_json)[0];
    expect(credit).toMatchObject({ due_minor: 30_000, remaining_minor: 40_000 });

    const runs = (await call(supervisor, 'GET', '/api/v1/settlements')).json().runs;
    const nov = runs.find((r: { code: string }) => r.code === 'NOV-A');
    const unknown = await call(supervisor, 'POST', `/api/v1/settlements/${nov.uuid}/payout-results`, {
      results: [{ reference: 'NOPE', status: 'paid', provider_reference: 'X1' }],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields).toEqual({ 'results.0.reference': 'NOPE is not a line of run NOV-A' });

    const reference = `NOV-A-${supplier.code}`;
    const failed = await call(supervisor, 'POST', `/api/v1/settlements/${nov.uuid}/payout-results`, {
      results: [{ reference, status: 'failed', message: 'Account closed' }],
    });
    expect(failed.json().run.status).toBe('approved');
    expect(failed.json().lines[0]).toMatchObject({ payout_status: 'failed', payout_message: 'Account closed' });
    const paid = await call(supervisor, 'POST', `/api/v1/settlements/${nov.uuid}/payout-results`, {
      results: [{ reference, status: 'paid', provider_reference: 'CASH-0001' }],
    });
    expect(paid.json().run.status).toBe('paid');
    expect(paid.json().lines[0]).toMatchObject({ payout_status: 'paid', paid_at: expect.any(String) });
  });

  /** The answer refusing a draft over days DEC-A closed: 422 PERIOD_CLOSED, beside the period as creating says it. */
  const expectClosedByDecA = (answer: { statusCode: number; json(): { error: unknown } }) => {
    expect(answer.statusCode).toBe(422);
    expect(answer.json().error).toMatchObject({
      code: 'PERIOD_CLOSED',
      message: expect.stringContaining('DEC-A'),
      fields: { period_from: 'overlaps settlement run DEC-A' },
    });
  };

  it('refuses to approve a draft whose period another run closed meanwhile, naming the period as creating does', async () => {
    await push(h, clerk, [collection('2026-12-03', 10)]);
    const first = await call(supervisor, 'POST', '/api/v1/settlements', {
      period_from: '2026-12-01',
      period_to: '2026-12-15',
      code: 'DEC-A',
    });
    const rival = await call(supervisor, 'POST', '/api/v1/settlements', {
      period_from: '2026-12-01',
      period_to: '2026-12-20',
      code: 'DEC-B',
    });
    expect([first.statusCode, rival.statusCode]).toEqual([200, 200]);
    expect((await call(supervisor, 'POST', `/api/v1/settlements/${first.json().run.uuid}/approve`)).statusCode).toBe(
      200,
    );
    const refused = await call(supervisor, 'POST', `/api/v1/settlements/${rival.json().run.uuid}/approve`);
    expectClosedByDecA(refused);
  });

  it('refuses to recompute a draft whose period another run closed, as approving does, and leaves the draft as it was', async () => {
    const runs = (await call(supervisor, 'GET', '/api/v1/settlements')).json().runs;
    const rival = runs.find((r: { code: string }) => r.code === 'DEC-B');
    const before = (await call(supervisor, 'GET', `/api/v1/settlements/${rival.uuid}`)).json();
    await push(h, clerk, [collection('2026-12-18', 4)]);
    const refused = await call(supervisor, 'POST', `/api/v1/settlements/${rival.uuid}/recompute`);
    expectClosedByDecA(refused);
    // Nothing written: the same run row (version, figures) and the same lines.
    expect((await call(supervisor, 'GET', `/api/v1/settlements/${rival.uuid}`)).json()).toEqual(before);
  });

  it('refuses a route no supplier or route is on, naming `route`, and creates nothing; a known one computes', async () => {
    const list = async () => (await call(supervisor, 'GET', '/api/v1/settlements')).json().runs as unknown[];
    const before = await list();
    const period = { period_from: '2027-02-01', period_to: '2027-02-28' };
    const refused = await call(supervisor, 'POST', '/api/v1/settlements', { ...period, route: 'NOPE' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Route: no such route',
      fields: { route: 'no such route' },
    });
    expect(await list()).toEqual(before);

    // A supplier's region is a route (what a run selects by), as is a route's code, in any case.
    const moved = await push(h, supervisor, [
      op('suppliers', 'create', { uuid: newId(), code: `S-${newId().slice(-6)}`, name: 'Chebet', region: 'Litein' }),
      op('routes', 'create', { uuid: newId(), code: 'KER-1', name: 'Kericho one' }),
    ]);
    expect(moved.body.results.success).toHaveLength(2);
    for (const [i, route] of ['Litein', 'litein', 'KER-1'].entries()) {
      const created = await call(supervisor, 'POST', '/api/v1/settlements', { ...period, route, code: `FEB-${i}` });
      expect({ route, status: created.statusCode }).toEqual({ route, status: 200 });
    }
  });
});
