import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, syncUntilQuiet } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;
const at = (day: string) => `2026-10-${day}T09:00:00.000Z`;

/**
 * A supervisor's void of a mistyped collection, through the real sync: it leaves every desk's list and balance and
 * the pay run; in a period an approved run closed, a desk that knows of the run refuses it at once, and one that
 * did not yet is refused by the server, its adjustment reversing the delivery.
 */
describe("a collection's void across desks, the server and pay runs", () => {
  let office: Office;
  beforeAll(async () => {
    office = await startOffice({ orgTimeZone: 'UTC' });
  });
  afterAll(async () => office?.close());

  it('leaves the other desks and the pay run; in a closed period it becomes a reversing adjustment', async () => {
    const boss = await office.desk('supervisor');
    const clerk = await office.desk('clerk');
    const tea = await boss.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await boss.rates.set({ product_uuid: tea.uuid, rate_minor: 2_450, effective_from: '2026-01-01' });
    const amina = await boss.suppliers.create({ code: 'S1', name: 'Amina' });
    await syncUntilQuiet([boss, clerk]);
    const record = (day: string, quantity_milli: number) =>
      clerk.collections.create({
        supplier_uuid: amina.uuid,
        product_uuid: tea.uuid,
        quantity_milli,
        collected_at: at(day),
      });
    await record('02', 10_000);
    const typo = await record('03', 100_000_000);
    const closedLater = await record('04', 12_000);
    await syncUntilQuiet([clerk, boss]);

    await expect(clerk.collections.void({ uuid: typo.uuid, reason: 'a clerk cannot' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await boss.collections.void({ uuid: typo.uuid, reason: 'Typed 100000 for 10.0' });
    await syncUntilQuiet([boss, clerk]);
    expect((await clerk.collections.list({ supplier_uuid: amina.uuid })).total).toBe(2);
    expect((await clerk.balances.of(amina.uuid)).collected_minor).toBe(24_500 + 29_400);

    // A second supervisor's desk, offline since before the approval, has not heard of the run.
    const late = await office.desk('supervisor');
    await syncUntilQuiet([late]);
    late.network.online = false;

    // The run of the period pays what was delivered, not the typo; approving it closes the period.
    const run = await boss.settlements.create({ period_from: '2026-10-01', period_to: '2026-10-15', code: 'OCT-1' });
    expect(run.lines.map((l) => [l.supplier_code, l.gross_minor])).toEqual([['S1', 24_500 + 29_400]]);
    await boss.settlements.approve('OCT-1');
    await syncUntilQuiet([boss, clerk]);

    // A desk that knows of the run refuses a void in the closed period at once.
    await expect(boss.collections.void({ uuid: closedLater.uuid, reason: 'Not this supplier' })).rejects.toMatchObject({
      code: 'PERIOD_CLOSED',
    });
    // The offline desk's void is refused by the server; its adjustment reverses the delivery in the open period.
    await late.collections.void({ uuid: closedLater.uuid, reason: 'Not this supplier' });
    late.network.online = true;
    await late.engine.sync('manual');
    const [refused] = await late.outbox.needsAttention();
    expect(refused).toMatchObject({ entity_uuid: closedLater.uuid, code: 'PERIOD_CLOSED' });
    const adjusted = await late.adjustments.adjust(refused!.op_id);
    expect(adjusted.notes).toBe('Adjustment of 2026-10-04 delivery TEA: removed');
    expect(await late.collections.get(adjusted.adjustment_uuid!)).toMatchObject({
      quantity_milli: -12_000,
      amount_minor: -29_400,
      adjusts_uuid: closedLater.uuid,
    });
    await syncUntilQuiet([late, boss, clerk]);
    expect(await late.outbox.needsAttention()).toEqual([]);
    expect((await clerk.balances.of(amina.uuid)).collected_minor).toBe(24_500);
  });
});
