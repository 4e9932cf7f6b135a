import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startOffice } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;

/**
 * A supervisor's change queued on a desk, then a sign-out before it synced and a clerk signing in there: the
 * push goes out with the clerk's token, so the supervisor's change must wait (pending, not refused) — with the
 * later changes that build on it — until a supervisor signs in again. The clerk's own work syncs meanwhile.
 */
describe('changes of a signed-out supervisor on a shared desk', () => {
  let office: Office;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  it('wait for a supervisor instead of being refused with the clerk token', async () => {
    const desk = await office.desk('supervisor');
    const supplier = await desk.suppliers.create({ code: 'HELD-1', name: 'Held supplier' });
    await desk.engine.sync('manual');

    // Offline: a supervisor-only change, then a clerk-level one that names it (must not travel before it).
    desk.network.online = false;
    const product = await desk.products.create({ code: 'HELD-P', name: 'Held product', unit: 'kg' });
    await desk.rates.set({ product_uuid: product.uuid, rate_minor: 2_000, effective_from: '2026-01-01' });
    const collection = await desk.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      collected_at: '2026-03-10T06:00:00Z',
      shift: 'morning',
      gross_weight_milli: 12_000,
    });
    expect(await desk.outbox.unsentBy(desk.auth.current!.id)).toBe(3);
    await desk.auth.logout();

    desk.network.online = true;
    await desk.auth.login('clerk@example.com', PASSWORD);
    const payment = await desk.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 5_000,
      type: 'advance',
      method: 'cash',
    });
    const asClerk = await desk.engine.sync('manual');
    expect(asClerk.outcome).toBe('success');
    expect(asClerk.errors).toBe(0);
    expect(await desk.outbox.needsAttention()).toHaveLength(0);
    const held = (await desk.outbox.pending()).map((op) => op.entity_uuid);
    expect([held.length, held[0], held[2]]).toEqual([3, product.uuid, collection.uuid]);
    expect(desk.engine.status).toMatchObject({ pending: 3, waitingForSupervisor: 3, needsAttention: 0 });
    const server = office.harness.test.db;
    expect(await server.selectFrom('payments').select('uuid').where('uuid', '=', payment.uuid).execute()).toHaveLength(
      1,
    );
    expect(await server.selectFrom('products').select('uuid').where('uuid', '=', product.uuid).execute()).toHaveLength(
      0,
    );

    await desk.auth.logout();
    await desk.auth.login('supervisor@example.com', PASSWORD);
    const asSupervisor = await desk.engine.sync('manual');
    expect(asSupervisor).toMatchObject({ outcome: 'success', errors: 0, pushed: 3 });
    expect(await desk.outbox.pending()).toHaveLength(0);
    expect(desk.engine.status).toMatchObject({ pending: 0, waitingForSupervisor: 0, needsAttention: 0 });
    expect(
      await server.selectFrom('collections').select('product_uuid').where('uuid', '=', collection.uuid).execute(),
    ).toEqual([{ product_uuid: product.uuid }]);
  });
});
