import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, termsOf } from '../../shared';
import { HILL_ROUTE, MILK_RULE, TEA_RULE } from '../../shared/pricing/fixtures';
import { op, push } from '../../server/test/harness';
import { exportAll, serverExport, startOffice, syncUntilQuiet } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;

/**
 * Issue 18 end to end: tea priced by grade and milk by a fat × SNF chart, taken on two desks (one offline),
 * re-priced by the server from the stored rule version — the same amounts everywhere — and unmoved by a later
 * rule version.
 */
describe('pricing rules through two desks and the server', () => {
  let office: Office;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  async function serverCollections() {
    return office.harness.test.db.selectFrom('collections').selectAll().orderBy('uuid').execute();
  }

  it('prices on the desk and on the server alike, and keeps stored amounts when the rule changes', async () => {
    const boss = await office.desk('supervisor');
    const hill = await boss.routes.create({ uuid: HILL_ROUTE, code: 'HILL', name: 'Hill route' });
    const centre = await boss.centres.create({ code: 'UPPER', name: 'Upper shed' });
    const grower = await boss.suppliers.create({ code: 'G-1', name: 'Wanjiru', route_uuid: hill.uuid });
    const dairy = await boss.suppliers.create({ code: 'D-1', name: 'Otieno', centre_uuid: centre.uuid });
    const tea = await boss.products.create({ code: 'TEA', name: 'Tea leaf', unit: 'kg' });
    const milk = await boss.products.create({ code: 'MILK', name: 'Milk', unit: 'l' });
    const teaRule = await boss.pricingRules.create({
      product_uuid: tea.uuid,
      effective_from: '2026-03-01',
      terms: termsOf(TEA_RULE),
    });
    const milkRule = await boss.pricingRules.create({
      product_uuid: milk.uuid,
      effective_from: '2026-03-01',
      terms: termsOf(MILK_RULE),
    });
    const a = await office.desk('clerk');
    const b = await office.desk('clerk');
    await syncUntilQuiet([boss, a, b]);

    // Desk A takes tea offline; desk B takes milk online.
    a.network.online = false;
    const teaRows = [];
    for (const [i, grade] of (['A', 'B', 'C', 'A'] as const).entries()) {
      teaRows.push(
        await a.collections.create({
          supplier_uuid: grower.uuid,
          product_uuid: tea.uuid,
          collected_at: `2026-03-1${i}T06:00:00Z`,
          shift: 'morning',
          gross_weight_milli: 20_000 + i * 1_234,
          containers: JSON.stringify([{ code: i % 2 ? 'WET' : 'ROPE', count: 1 + i }]),
          grade,
          weighed_on_scale: i !== 3,
        }),
      );
    }
    const refused = await a.collections.create({
      supplier_uuid: grower.uuid,
      product_uuid: tea.uuid,
      collected_at: '2026-03-10T16:00:00Z',
      shift: 'evening',
      gross_weight_milli: 7_000,
      grade: 'B',
      rejection_reason: 'wet',
    });
    const milkRows = [];
    for (const [i, [fat, snf]] of [
      [310, 820],
      [375, 860],
      [450, 900],
      [399, 849],
    ].entries()) {
      milkRows.push(
        await b.collections.create({
          supplier_uuid: dairy.uuid,
          product_uuid: milk.uuid,
          collected_at: `2026-03-1${i}T05:30:00Z`,
          shift: 'morning',
          gross_weight_milli: 15_000 + i * 2_111,
          containers: JSON.stringify([{ code: 'CAN-12', count: 1 }]),
          readings: JSON.stringify({ fat, snf }),
          weighed_on_scale: true,
        }),
      );
    }
    expect(teaRows.map((r) => r.rate_minor)).toEqual([2500, 2100, 1600, 2500]);
    expect(milkRows.map((r) => r.rate_minor)).toEqual([4000, 4600, 5000, 4400]);
    expect(milkRows.every((r) => r.centre_uuid === centre.uuid)).toBe(true);
    expect(refused).toMatchObject({ amount_minor: 0, rejection_reason: 'wet' });

    a.network.online = true;
    await syncUntilQuiet([a, b, boss]);

    const onServer = new Map((await serverCollections()).map((r) => [r.uuid, r]));
    for (const row of [...teaRows, ...milkRows, refused]) {
      const stored = onServer.get(row.uuid);
      expect(stored, row.uuid).toBeDefined();
      expect({
        quantity: Number(stored!.quantity_milli),
        tare: Number(stored!.tare_milli),
        rate: Number(stored!.rate_minor),
        amount: Number(stored!.amount_minor),
        rule: stored!.rule_version_uuid,
      }).toEqual({
        quantity: row.quantity_milli,
        tare: row.tare_milli,
        rate: row.rate_minor,
        amount: row.amount_minor,
        rule: row.rule_version_uuid,
      });
    }
    expect(teaRows.every((r) => r.rule_version_uuid === teaRule.uuid)).toBe(true);
    expect(milkRows.every((r) => r.rule_version_uuid === milkRule.uuid)).toBe(true);

    // A later tea version (dearer) changes no stored amount, and an edit re-prices by the version it keeps.
    await boss.pricingRules.create({
      product_uuid: tea.uuid,
      effective_from: '2026-03-01',
      terms: termsOf({ ...TEA_RULE, overrides: [], rate: { by: 'base', base_rate_minor: 9_999 } }),
    });
    await syncUntilQuiet([boss, a, b]);
    const edited = await b.collections.update(teaRows[0]!.uuid, { gross_weight_milli: 30_000 });
    expect(edited).toMatchObject({
      rule_version_uuid: teaRule.uuid,
      rate_minor: 2500,
      quantity_milli: 29_000,
      amount_minor: 72_500,
    });
    await syncUntilQuiet([b, a, boss]);
    const after = new Map((await serverCollections()).map((r) => [r.uuid, r]));
    expect(Number(after.get(teaRows[0]!.uuid)!.amount_minor)).toBe(72_500);
    for (const row of [...teaRows.slice(1), ...milkRows, refused])
      expect(Number(after.get(row.uuid)!.amount_minor), row.uuid).toBe(row.amount_minor);

    // Every desk holds what the server holds.
    const server = await serverExport(office.harness);
    for (const desk of [a, b, boss]) {
      const local = await exportAll(desk);
      expect(local.collections).toEqual(server.collections);
      expect(local.pricing_rules).toEqual(server.pricing_rules);
    }
  });

  it('re-prices what a desk pushes, and refuses a net below zero or a rule not yet in force, naming the field', async () => {
    const supervisor = await office.harness.desk('supervisor');
    const product = { uuid: newId(), code: 'TEA-R', name: 'Tea leaf', unit: 'kg' };
    const supplier = { uuid: newId(), code: 'R-1', name: 'Kamau' };
    const rule = { uuid: newId(), product_uuid: product.uuid, effective_from: '2026-03-01', terms: termsOf(TEA_RULE) };
    const seeded = await push(office.harness, supervisor, [
      op('products', 'create', product),
      op('suppliers', 'create', supplier),
      op('pricing_rules', 'create', rule),
    ]);
    expect(seeded.body.results.success).toHaveLength(3);
    const clerk = await office.harness.desk('clerk');
    const base = {
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      collected_at: '2026-03-20T06:00:00Z',
      rule_version_uuid: rule.uuid,
      grade: 'A',
      containers: JSON.stringify([{ code: 'ROPE', count: 2 }]),
    };
    const claimed = {
      uuid: newId(),
      ...base,
      gross_weight_milli: 12_000,
      quantity_milli: 99_000,
      rate_minor: 1,
      amount_minor: 1,
    };
    const ok = await push(office.harness, clerk, [op('collections', 'create', claimed)]);
    expect(ok.body.results.success).toHaveLength(1);
    const stored = await office.harness.test.db
      .selectFrom('collections')
      .selectAll()
      .where('uuid', '=', claimed.uuid)
      .executeTakeFirstOrThrow();
    expect([Number(stored.quantity_milli), Number(stored.rate_minor), Number(stored.amount_minor)]).toEqual([
      10_000, 2400, 24_000,
    ]);

    const light = await push(office.harness, clerk, [
      op('collections', 'create', { uuid: newId(), ...base, gross_weight_milli: 1_500, quantity_milli: 1 }),
    ]);
    expect(light.status).toBe(200);
    expect(light.body.results.errors[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { gross_weight_milli: expect.any(String) },
    });

    const early = await push(office.harness, clerk, [
      op('collections', 'create', {
        uuid: newId(),
        ...base,
        collected_at: '2026-02-20T06:00:00Z',
        gross_weight_milli: 5_000,
        quantity_milli: 1,
      }),
    ]);
    expect(early.body.results.errors[0]).toMatchObject({
      fields: { rule_version_uuid: expect.stringContaining('takes effect') },
    });

    const twice = await push(office.harness, clerk, [
      op('collections', 'create', {
        uuid: newId(),
        ...base,
        shift: 'morning',
        gross_weight_milli: 5_000,
        quantity_milli: 1,
      }),
      op('collections', 'create', {
        uuid: newId(),
        ...base,
        shift: 'evening',
        gross_weight_milli: 5_000,
        quantity_milli: 1,
      }),
    ]);
    expect(twice.body.results.success).toHaveLength(2);
    const again = await push(office.harness, clerk, [
      op('collections', 'create', {
        uuid: newId(),
        ...base,
        shift: 'morning',
        gross_weight_milli: 5_000,
        quantity_milli: 1,
      }),
    ]);
    expect(again.body.results.errors[0]).toMatchObject({ fields: { second_delivery: expect.any(String) } });
    const confirmed = await push(office.harness, clerk, [
      op('collections', 'create', {
        uuid: newId(),
        ...base,
        shift: 'morning',
        second_delivery: true,
        gross_weight_milli: 5_000,
        quantity_milli: 1,
      }),
    ]);
    expect(confirmed.body.results.success).toHaveLength(1);
  });
});
