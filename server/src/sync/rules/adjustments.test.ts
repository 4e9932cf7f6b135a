import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../../shared';
import { op, push, seedReference, startHarness, type Desk, type Harness } from '../../../test/harness';

describe('adjustments of records in a closed period, as the server checks them', () => {
  let h: Harness;
  let supervisor: Desk;
  let clerk: Desk;
  let supplier: { uuid: string };
  let product: { uuid: string };
  const other = { uuid: newId(), code: `S-${newId().slice(-6)}`, name: 'Baraka' };
  const [closedDelivery, closedAdvance, openDelivery, otherDelivery] = [newId(), newId(), newId(), newId()];

  const collection = (fields: Record<string, unknown>) =>
    op('collections', 'create', {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      collected_at: '2026-11-20T09:00:00Z',
      quantity_milli: 1_000,
      ...fields,
    });
  const payment = (fields: Record<string, unknown>) =>
    op('payments', 'create', {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      amount_minor: 1_000,
      type: 'advance',
      method: 'cash',
      paid_at: '2026-11-20T09:00:00Z',
      ...fields,
    });

  beforeAll(async () => {
    h = await startHarness({ orgTimeZone: 'UTC' });
    // 32.75 a kg: 0.333 kg is 10.905 → 10.91, so a difference is priced on the whole, not on its own.
    ({ supervisor, supplier, product } = await seedReference(h, 3275));
    clerk = await h.desk('clerk');
    await push(h, supervisor, [op('suppliers', 'create', other)]);
    const seeded = await push(h, clerk, [
      collection({ uuid: closedDelivery, collected_at: '2026-11-03T09:00:00Z', quantity_milli: 10_333 }),
      payment({ uuid: closedAdvance, amount_minor: 50_000, paid_at: '2026-11-04T09:00:00Z' }),
      collection({ uuid: openDelivery, collected_at: '2026-11-18T09:00:00Z' }),
      collection({ uuid: otherDelivery, supplier_uuid: other.uuid, collected_at: '2026-11-03T09:00:00Z' }),
    ]);
    expect(seeded.body.results.success).toHaveLength(4);
    const run = await h.app.inject({
      method: 'POST',
      url: '/api/v1/settlements',
      headers: supervisor.auth,
      payload: { period_from: '2026-11-01', period_to: '2026-11-15', code: 'NOV-A' },
    });
    const approved = await h.app.inject({
      method: 'POST',
      url: `/api/v1/settlements/${run.json().run.uuid}/approve`,
      headers: supervisor.auth,
      payload: {},
    });
    expect(approved.statusCode).toBe(200);
  });
  afterAll(async () => h?.close());

  it('refuses a bad reference or sign field by field, and changes nothing', async () => {
    const res = await push(h, clerk, [
      collection({ quantity_milli: -1_000 }),
      collection({ adjusts_uuid: newId() }),
      collection({ adjusts_uuid: otherDelivery }),
      collection({ adjusts_uuid: openDelivery }),
      collection({ adjusts_uuid: closedDelivery, quantity_milli: 0 }),
      collection({ adjusts_uuid: closedDelivery, collected_at: '2026-11-10T09:00:00Z' }),
      payment({ amount_minor: -5 }),
      payment({ adjusts_uuid: closedDelivery }),
    ]);
    expect(res.body.results.success).toEqual([]);
    expect(res.body.results.errors.map((e: { code: string; fields: unknown }) => [e.code, e.fields])).toEqual([
      ['VALIDATION_FAILED', { quantity_milli: 'must be greater than zero' }],
      ['VALIDATION_FAILED', { adjusts_uuid: expect.stringMatching(/not a known collection/) }],
      ['VALIDATION_FAILED', { adjusts_uuid: 'is a collection of another supplier' }],
      ['VALIDATION_FAILED', { adjusts_uuid: 'is a collection in an open period: edit it instead of adjusting it' }],
      ['VALIDATION_FAILED', { quantity_milli: 'cannot be zero on an adjustment' }],
      ['PERIOD_CLOSED', { collected_at: expect.stringContaining('NOV-A') }],
      ['VALIDATION_FAILED', { amount_minor: 'must be greater than zero' }],
      ['VALIDATION_FAILED', { adjusts_uuid: expect.stringMatching(/not a known payment/) }],
    ]);
  });

  it('prices a collection adjustment as the difference at the corrected rate, and takes a payment reversal', async () => {
    const less = newId();
    const reversal = newId();
    const res = await push(h, clerk, [
      collection({ uuid: less, adjusts_uuid: closedDelivery, quantity_milli: -333 }),
      payment({ uuid: reversal, adjusts_uuid: closedAdvance, amount_minor: -50_000 }),
    ]);
    expect(res.body.results.errors).toEqual([]);
    const stored = await h.test.db
      .selectFrom('collections')
      .select(['quantity_milli', 'rate_minor', 'amount_minor'])
      .where('uuid', '=', less)
      .executeTakeFirstOrThrow();
    // 10.333 kg × 32.75 = 338.41; 10 kg = 327.50: the adjustment is −10.91 (not −10.905 rounded on its own).
    expect(stored).toMatchObject({ quantity_milli: -333, rate_minor: 3275, amount_minor: -1_091 });
    const again = await push(h, clerk, [collection({ adjusts_uuid: less, quantity_milli: 5 })]);
    expect(again.body.results.errors[0].fields).toEqual({
      adjusts_uuid: 'is itself an adjustment; adjust the collection it corrects',
    });
  });
});
