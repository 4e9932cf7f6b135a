import { afterEach, describe, expect, it } from 'vitest';
import { createEntityService } from './entity-service';
import { countRows, seedBasics, storeRun, tempCore } from '../test-support';

type Core = Awaited<ReturnType<typeof tempCore>>;

/** 2026-11-01 to 2026-11-28 on the desk's clock (Nairobi, UTC+3), as the trial's run NOV-A. */
const NAIROBI = 'Africa/Nairobi';
const closedField = (field: string) => ({
  code: 'PERIOD_CLOSED',
  message:
    '2026-11-01 to 2026-11-28 is closed for this supplier by settlement run NOV-A "Run NOV-A": ' +
    `${field === 'collected_at' ? 'collections' : 'payments'} dated ${field === 'collected_at' ? '2026-11-20' : '2026-11-28'} ` +
    'can no longer change; record an adjustment dated in the open period instead',
  fields: { [field]: 'is in the period closed by settlement run NOV-A (2026-11-01 to 2026-11-28)' },
});

/** Every local write of a collection or payment refuses a period an approved run the desk knows has closed. */
describe('a closed period is refused at entry, on every path', () => {
  let core: Core;
  afterEach(async () => core?.cleanup());

  async function deskWithRecords() {
    core = await tempCore({ orgTimeZone: NAIROBI });
    const { supplier, product } = await seedBasics(core);
    const other = await core.suppliers.create({ code: 'S-0002', name: 'Baraka Otieno' });
    // Recorded before the run was approved (08:00 on 20 Nov and 23:30 on 28 Nov, Nairobi).
    const delivery = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 3_000,
      collected_at: '2026-11-20T05:00:00.000Z',
    });
    const payment = await core.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 50_000,
      type: 'advance',
      method: 'cash',
      paid_at: '2026-11-28T20:30:00.000Z',
    });
    return { supplier, product, other, delivery, payment };
  }

  /** The write is refused and leaves no row, audit entry or outbox op behind. */
  async function refusedWithNothingWritten(write: () => Promise<unknown>, expected: object) {
    const before = await Promise.all([countRows(core, 'outbox'), countRows(core, 'audit')]);
    await expect(write()).rejects.toMatchObject(expected);
    expect(await Promise.all([countRows(core, 'outbox'), countRows(core, 'audit')])).toEqual(before);
  }

  it('refuses a new collection or payment dated in the period, naming the run and the date field', async () => {
    const { supplier, product } = await deskWithRecords();
    await storeRun(core, { code: 'NOV-A', from: '2026-11-01', to: '2026-11-28', suppliers: [supplier.uuid] });
    const collections = await countRows(core, 'collections');
    await refusedWithNothingWritten(
      () =>
        core.collections.create({
          supplier_uuid: supplier.uuid,
          product_uuid: product.uuid,
          quantity_milli: 3_000,
          collected_at: '2026-11-20T05:00:00.000Z',
        }),
      closedField('collected_at'),
    );
    expect(await countRows(core, 'collections')).toBe(collections);
    await refusedWithNothingWritten(
      () =>
        core.payments.create({
          supplier_uuid: supplier.uuid,
          amount_minor: 1_000,
          type: 'partial',
          method: 'cash',
          paid_at: '2026-11-28T20:59:00.000Z',
        }),
      closedField('paid_at'),
    );
    // 01:30 on 29 Nov in Nairobi is 28 Nov in UTC: the organisation's date decides, and it is open.
    await expect(
      core.payments.create({
        supplier_uuid: supplier.uuid,
        amount_minor: 1_000,
        type: 'partial',
        method: 'cash',
        paid_at: '2026-11-28T22:30:00.000Z',
      }),
    ).resolves.toMatchObject({ amount_minor: 1_000 });
  });

  it('refuses an edit, a void or a delete of a closed record, and an edit moving a record into the period', async () => {
    const { supplier, product, delivery, payment } = await deskWithRecords();
    const open = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 1_000,
      collected_at: '2026-11-29T05:00:00.000Z',
    });
    await storeRun(core, { code: 'NOV-A', from: '2026-11-01', to: '2026-11-28', suppliers: [supplier.uuid] });
    await refusedWithNothingWritten(
      () => core.collections.update(delivery.uuid, { quantity_milli: 2_500 }),
      closedField('collected_at'),
    );
    await refusedWithNothingWritten(() => core.collections.remove(delivery.uuid), closedField('collected_at'));
    await refusedWithNothingWritten(
      () => core.payments.update(payment.uuid, { amount_minor: 40_000 }),
      closedField('paid_at'),
    );
    await refusedWithNothingWritten(
      () => core.payments.void({ uuid: payment.uuid, reason: 'paid twice' }),
      closedField('paid_at'),
    );
    await refusedWithNothingWritten(
      () => core.collections.update(open.uuid, { collected_at: '2026-11-20T05:00:00.000Z' }),
      closedField('collected_at'),
    );
    // The closed records stand as they were; the open one can still change.
    expect(await core.collections.get(delivery.uuid)).toMatchObject({ quantity_milli: 3_000, deleted_at: null });
    expect(await core.payments.get(payment.uuid)).toMatchObject({ amount_minor: 50_000, voided_at: null });
    await expect(core.collections.update(open.uuid, { quantity_milli: 1_500 })).resolves.toMatchObject({
      quantity_milli: 1_500,
    });
  });

  it('refuses rows written many at a time (an import) when one of them is in the period', async () => {
    const { supplier, other } = await deskWithRecords();
    await storeRun(core, { code: 'NOV-A', from: '2026-11-01', to: '2026-11-28', suppliers: [supplier.uuid] });
    const payments = createEntityService(core.ctx, 'payments');
    const entry = (supplier_uuid: string, paid_at: string) => ({
      supplier_uuid,
      amount_minor: 1_000,
      type: 'partial',
      method: 'cash',
      paid_at,
    });
    const rows = await countRows(core, 'payments');
    await refusedWithNothingWritten(
      () =>
        payments.createMany([
          entry(other.uuid, '2026-11-28T20:30:00.000Z'),
          entry(supplier.uuid, '2026-11-28T20:30:00.000Z'),
        ]),
      closedField('paid_at'),
    );
    expect(await countRows(core, 'payments')).toBe(rows);
  });

  it('closes only what the run closes: its suppliers, its product, approved or paid regular runs', async () => {
    const { supplier, product, other, delivery } = await deskWithRecords();
    const milk = await core.products.create({ code: 'MILK', name: 'Milk', unit: 'l' });
    await core.rates.set({ product_uuid: milk.uuid, rate_minor: 5_000, effective_from: '2026-01-01' });
    const entry = (supplier_uuid: string, product_uuid: string) => ({
      supplier_uuid,
      product_uuid,
      quantity_milli: 1_000,
      collected_at: '2026-11-10T05:00:00.000Z',
      second_delivery: true,
    });
    await storeRun(core, {
      code: 'DRAFT',
      from: '2026-11-01',
      to: '2026-11-28',
      suppliers: [supplier.uuid],
      status: 'draft',
    });
    await storeRun(core, {
      code: 'BONUS',
      from: '2026-11-01',
      to: '2026-11-28',
      suppliers: [supplier.uuid],
      kind: 'bonus',
    });
    await expect(core.collections.create(entry(supplier.uuid, product.uuid))).resolves.toBeTruthy();
    // A run of tea alone: tea of its supplier is closed; milk, and the supplier without a line, are not.
    await storeRun(core, {
      code: 'NOV-A',
      from: '2026-11-01',
      to: '2026-11-28',
      suppliers: [supplier.uuid],
      product_uuid: product.uuid,
      status: 'paid',
    });
    await expect(core.collections.create(entry(supplier.uuid, product.uuid))).rejects.toMatchObject({
      code: 'PERIOD_CLOSED',
    });
    await expect(core.collections.create(entry(supplier.uuid, milk.uuid))).resolves.toBeTruthy();
    await expect(core.collections.create(entry(other.uuid, product.uuid))).resolves.toBeTruthy();
    // Moving a closed tea delivery to milk still touches the closed record.
    await expect(core.collections.update(delivery.uuid, { product_uuid: milk.uuid })).rejects.toMatchObject({
      code: 'PERIOD_CLOSED',
    });
  });

  it('learns of a run approved after the supplier was last written (a pull stores it)', async () => {
    const { supplier, payment } = await deskWithRecords();
    // The supplier's periods are read (none yet) and kept...
    await core.payments.update(payment.uuid, { reference: 'R-1' });
    // ...until a run arrives: the next write sees it.
    await storeRun(core, { code: 'NOV-A', from: '2026-11-01', to: '2026-11-28', suppliers: [supplier.uuid] });
    await expect(core.payments.update(payment.uuid, { reference: 'R-2' })).rejects.toMatchObject(
      closedField('paid_at'),
    );
  });

  it('refuses a refused change resent with a date moved into the period, leaving it stopped as it was', async () => {
    const { supplier, product } = await deskWithRecords();
    const late = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 2_000,
      collected_at: '2026-11-29T05:00:00.000Z',
    });
    await storeRun(core, { code: 'NOV-A', from: '2026-11-01', to: '2026-11-28', suppliers: [supplier.uuid] });
    // The server stopped the create (any refusal); the clerk's fix would date it in the closed period.
    const stopped = {
      status: 'error' as const,
      last_error: JSON.stringify({ code: 'VALIDATION_FAILED', message: 'refused' }),
    };
    await core.db.updateTable('outbox').set(stopped).where('entity_uuid', '=', late.uuid).execute();
    const [op] = await core.outbox.needsAttention();
    await expect(core.outbox.resend(op!.op_id, { collected_at: '2026-11-20T05:00:00.000Z' })).rejects.toMatchObject(
      closedField('collected_at'),
    );
    expect(await core.collections.get(late.uuid)).toMatchObject({ collected_at: '2026-11-29T05:00:00.000Z' });
    expect(await core.outbox.needsAttention()).toEqual([expect.objectContaining({ op_id: op!.op_id })]);
    // A fix in the open period goes back in the queue.
    await core.outbox.resend(op!.op_id, { collected_at: '2026-11-29T06:00:00.000Z' });
    expect(await core.outbox.needsAttention()).toEqual([]);
  });
});
