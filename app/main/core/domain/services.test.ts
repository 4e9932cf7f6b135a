import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared';
import { CLERK, countRows, seedBasics, tempCore } from '../test-support';

type TempCore = Awaited<ReturnType<typeof tempCore>>;

describe('domain services', () => {
  let core: TempCore;
  afterEach(async () => core?.cleanup());

  async function counts() {
    return { outbox: await countRows(core, 'outbox'), audit: await countRows(core, 'audit') };
  }

  it('leaves exactly one outbox op and one audit row per write, for every service write', async () => {
    core = await tempCore();
    const writes: [string, () => Promise<unknown>][] = [];
    const { supplier, product } = await seedBasics(core);
    let paymentUuid = '';
    let collectionUuid = '';
    writes.push(['supplier.create', () => core.suppliers.create({ code: 'S-2', name: 'B' })]);
    writes.push(['supplier.update', () => core.suppliers.update(supplier.uuid, { phone: '0700 000 000' })]);
    writes.push(['product.create', () => core.products.create({ code: 'MILK', name: 'Milk', unit: 'l' })]);
    writes.push(['product.update', () => core.products.update(product.uuid, { name: 'Tea leaf' })]);
    writes.push([
      'rate.set',
      () => core.rates.set({ product_uuid: product.uuid, rate_minor: 3300, effective_from: '2026-06-01' }),
    ]);
    writes.push([
      'collection.create',
      async () => {
        const c = await core.collections.create({
          supplier_uuid: supplier.uuid,
          product_uuid: product.uuid,
          quantity_milli: 12500,
        });
        collectionUuid = c.uuid;
      },
    ]);
    writes.push(['collection.update', () => core.collections.update(collectionUuid, { quantity_milli: 13000 })]);
    writes.push(['collection.remove', () => core.collections.remove(collectionUuid)]);
    writes.push([
      'payment.create',
      async () => {
        const p = await core.payments.create({
          supplier_uuid: supplier.uuid,
          amount_minor: 50000,
          type: 'advance',
          method: 'cash',
        });
        paymentUuid = p.uuid;
      },
    ]);
    writes.push(['payment.update', () => core.payments.update(paymentUuid, { reference: 'R-1' })]);
    writes.push(['payment.void', () => core.payments.void({ uuid: paymentUuid, reason: 'Entered twice' })]);

    for (const [name, write] of writes) {
      const before = await counts();
      await write();
      const after = await counts();
      expect({ name, outbox: after.outbox - before.outbox, audit: after.audit - before.audit }).toEqual({
        name,
        outbox: 1,
        audit: 1,
      });
    }
    const ops = await core.db.selectFrom('outbox').selectAll().orderBy('id').execute();
    const update = ops.find((op) => op.operation === 'update' && op.entity_type === 'suppliers')!;
    expect(JSON.parse(update.changed_fields!)).toEqual(['phone']);
    expect(JSON.parse(update.payload)).toEqual({ uuid: supplier.uuid, version: 0, phone: '0700 000 000' });
    const voidOp = ops.at(-1)!;
    expect(JSON.parse(voidOp.changed_fields!)).toEqual(['voided_at', 'void_reason']);
  });

  it('leaves nothing at all when the write fails mid-transaction', async () => {
    core = await tempCore();
    const { supplier, product } = await seedBasics(core);
    const before = { ...(await counts()), collections: await countRows(core, 'collections') };
    // The outbox insert is the last statement of a write: failing it must take the row and audit with it.
    core.sqlite.exec(
      `create trigger fail_outbox before insert on outbox begin select raise(abort, 'disk on fire'); end`,
    );
    await expect(
      core.collections.create({ supplier_uuid: supplier.uuid, product_uuid: product.uuid, quantity_milli: 1000 }),
    ).rejects.toThrow('disk on fire');
    await expect(core.suppliers.update(supplier.uuid, { name: 'Changed' })).rejects.toThrow('disk on fire');
    expect({ ...(await counts()), collections: await countRows(core, 'collections') }).toEqual(before);
    expect((await core.suppliers.get(supplier.uuid)).name).toBe('Amina Njeri');
  });

  it('prices a collection from the rate in force on its date in the organisation time zone', async () => {
    core = await tempCore({ orgTimeZone: 'Africa/Nairobi' });
    const { supplier, product } = await seedBasics(core, 3000);
    await core.rates.set({ product_uuid: product.uuid, rate_minor: 3500, effective_from: '2026-11-01' });
    await core.rates.set({ product_uuid: product.uuid, rate_minor: 4000, effective_from: '2026-12-01' });
    const at = async (collected_at: string) =>
      core.collections.create({
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        quantity_milli: 12500,
        collected_at,
      });

    expect(await core.rates.inForce(product.uuid, '2025-12-31')).toBeUndefined();
    expect((await core.rates.inForce(product.uuid, '2026-10-31'))?.rate_minor).toBe(3000);
    expect((await core.rates.inForce(product.uuid, '2026-11-01'))?.rate_minor).toBe(3500);
    expect((await at('2026-10-31T12:00:00Z')).rate_minor).toBe(3000);
    // 22:30 UTC on 31 Oct is already 1 Nov in Nairobi (UTC+3).
    const lateNight = await at('2026-10-31T22:30:00Z');
    expect(lateNight).toMatchObject({ rate_minor: 3500, amount_minor: 43750 });
    expect((await at('2026-12-15T08:00:00Z')).amount_minor).toBe(50000);

    // A later rate change never rewrites history; an edit of quantity keeps the stored rate.
    await core.rates.set({ product_uuid: product.uuid, rate_minor: 9999, effective_from: '2026-11-01' });
    const edited = await core.collections.update(lateNight.uuid, { quantity_milli: 10000 });
    expect(edited).toMatchObject({ rate_minor: 3500, amount_minor: 35000 });
    // Moving its date re-prices it.
    const moved = await core.collections.update(lateNight.uuid, { collected_at: '2026-10-15T09:00:00Z' });
    expect(moved).toMatchObject({ rate_minor: 3000, amount_minor: 30000 });

    await expect(at('2025-06-01T08:00:00Z')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { product_uuid: 'has no rate in force on 2025-06-01' },
    });
  });

  it('keeps voided payments on the ledger but out of the balance, and never voids twice', async () => {
    core = await tempCore();
    const { supplier, product } = await seedBasics(core, 10000);
    await core.collections.create({ supplier_uuid: supplier.uuid, product_uuid: product.uuid, quantity_milli: 5000 });
    const p = await core.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 20000,
      type: 'partial',
      method: 'mobile',
    });
    expect((await core.balances.of(supplier.uuid)).balance_minor).toBe(30000);
    await core.payments.void({ uuid: p.uuid, reason: 'Wrong supplier' });
    expect(await core.balances.of(supplier.uuid)).toMatchObject({
      collected_minor: 50000,
      paid_minor: 0,
      balance_minor: 50000,
    });
    await expect(core.payments.void({ uuid: p.uuid, reason: 'again' })).rejects.toThrow('already voided');
    expect((await core.payments.list({ supplier_uuid: supplier.uuid, includeVoided: true })).total).toBe(1);
    const trail = await core.audit.forEntity(p.uuid);
    expect(trail.map((e) => e.action)).toEqual(['create', 'void']);
  });

  it('refuses supervisor work to a clerk, and work to nobody', async () => {
    core = await tempCore();
    const { supplier } = await seedBasics(core);
    const p = await core.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 100,
      type: 'advance',
      method: 'cash',
    });
    core.setSession(CLERK);
    await expect(core.products.create({ code: 'X', name: 'X', unit: 'kg' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(core.payments.void({ uuid: p.uuid, reason: 'nope nope' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(core.suppliers.create({ code: 'S-9', name: 'Clerk made' })).resolves.toMatchObject({ code: 'S-9' });
    core.setSession(null);
    await expect(core.suppliers.create({ code: 'S-10', name: 'Nobody' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('lists suppliers with search and paging', async () => {
    core = await tempCore();
    for (let i = 1; i <= 30; i++) {
      await core.suppliers.create({
        code: `S-${String(i).padStart(4, '0')}`,
        name: i % 3 === 0 ? `Kamau ${i}` : `Otieno ${i}`,
      });
    }
    const page = await core.suppliers.list({ search: 'kamau', limit: 4, offset: 0 });
    expect(page.total).toBe(10);
    expect(page.rows.map((r) => r.code)).toEqual(['S-0003', 'S-0006', 'S-0009', 'S-0012']);
    expect((await core.suppliers.list({ search: 'S-003' })).rows.map((r) => r.code)).toEqual(['S-0030']);
    expect((await core.suppliers.list({ search: '100%' })).total).toBe(0);
    expect((await core.suppliers.getByCode('s-0007')).name).toBe('Otieno 7');
  });

  it("checks an update's code against the other live rows only, in the synchronous write", async () => {
    core = await tempCore();
    const { supplier } = await seedBasics(core);
    const other = await core.suppliers.create({ code: 'S-0002', name: 'Other' });
    const before = await counts();
    await expect(core.suppliers.update(other.uuid, { code: 's-0001' })).rejects.toMatchObject({
      fields: { code: 'is already used by supplier "Amina Njeri"' },
    });
    expect(await counts()).toEqual(before);
    // Its own code, written another way, is not a clash.
    expect((await core.suppliers.update(supplier.uuid, { code: 's-0001' })).code).toBe('s-0001');
  });

  describe('bad input names the field and changes nothing', () => {
    it.each<
      [string, (c: TempCore, ids: { supplier: string; product: string }) => Promise<unknown>, Record<string, string>]
    >([
      ['supplier without name', (c) => c.suppliers.create({ code: 'S-5', name: '' }), { name: 'is required' }],
      [
        'duplicate supplier code',
        (c) => c.suppliers.create({ code: 's-0001', name: 'Dup' }),
        { code: 'is already used by supplier "Amina Njeri"' },
      ],
      [
        'supplier phone too long',
        (c, i) => c.suppliers.update(i.supplier, { phone: '1'.repeat(41) }),
        { phone: 'must be at most 40 characters' },
      ],
      ['product unit missing', (c) => c.products.create({ code: 'P', name: 'P', unit: '' }), { unit: 'is required' }],
      [
        'rate for unknown product',
        (c) =>
          c.rates.set({
            product_uuid: '0190c8e1-0000-7000-8000-000000000000',
            rate_minor: 1,
            effective_from: '2026-01-01',
          }),
        { product_uuid: 'is not a known product' },
      ],
      [
        'rate with bad date',
        (c, i) => c.rates.set({ product_uuid: i.product, rate_minor: 1, effective_from: '2026-02-30' }),
        { effective_from: 'must be a date as YYYY-MM-DD' },
      ],
      [
        'negative rate',
        (c, i) => c.rates.set({ product_uuid: i.product, rate_minor: -1, effective_from: '2026-02-01' }),
        { rate_minor: 'cannot be negative' },
      ],
      [
        'fractional quantity',
        (c, i) => c.collections.create({ supplier_uuid: i.supplier, product_uuid: i.product, quantity_milli: 1.5 }),
        { quantity_milli: 'must be a whole number' },
      ],
      [
        'collection for unknown supplier',
        (c, i) =>
          c.collections.create({
            supplier_uuid: '0190c8e1-0000-7000-8000-000000000000',
            product_uuid: i.product,
            quantity_milli: 1,
          }),
        { supplier_uuid: 'is not a known supplier' },
      ],
      [
        'payment of zero',
        (c, i) => c.payments.create({ supplier_uuid: i.supplier, amount_minor: 0, type: 'advance', method: 'cash' }),
        { amount_minor: 'must be greater than zero' },
      ],
      [
        'payment with unknown method',
        (c, i) =>
          c.payments.create({ supplier_uuid: i.supplier, amount_minor: 5, type: 'advance', method: 'gold' as 'cash' }),
        { method: 'must be one of: cash, bank, mobile, cheque' },
      ],
      [
        'void without reason',
        (c) => c.payments.void({ uuid: '0190c8e1-0000-7000-8000-000000000000', reason: '' }),
        { reason: 'must say why (at least 3 characters)' },
      ],
      ['update with nothing', (c, i) => c.suppliers.update(i.supplier, {}), { _: 'nothing to change' }],
    ])('%s', async (_name, act, fields) => {
      core = await tempCore();
      const { supplier, product } = await seedBasics(core);
      const before = { ...(await counts()), suppliers: await countRows(core, 'suppliers') };
      const error = await act(core, { supplier: supplier.uuid, product: product.uuid }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fields).toEqual(fields);
      expect({ ...(await counts()), suppliers: await countRows(core, 'suppliers') }).toEqual(before);
    });
  });
});
