import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../shared';
import { payRunCommands } from '../../app/main/cli/pay-run-commands';
import { renderReport } from '../../app/main/core/reports/reports';
import { payslipsHtml } from '../../app/main/core/reports/payslips/payslip';
import { SAMPLE_CONTEXT } from '../../app/main/core/reports/payslips/sample-run';
import { startOffice, syncUntilQuiet } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;
type Desk = Awaited<ReturnType<Office['desk']>>;
const at = (day: string) => `2026-11-${day}T09:00:00.000Z`;
const money = (minor: number) => formatMoney(minor, SAMPLE_CONTEXT.money);
/** A printed page's words, whatever the wrapping: tags dropped, white space collapsed. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** The supplier's balance on the master: collections at their amounts less payments not voided. */
async function serverBalance(office: Office, supplierUuid: string): Promise<number> {
  const db = office.harness.test.db;
  const c = await db
    .selectFrom('collections')
    .select(sql<string>`coalesce(sum(amount_minor), 0)`.as('t'))
    .where('supplier_uuid', '=', supplierUuid)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  const p = await db
    .selectFrom('payments')
    .select(sql<string>`coalesce(sum(amount_minor), 0)`.as('t'))
    .where('supplier_uuid', '=', supplierUuid)
    .where('deleted_at', 'is', null)
    .where('voided_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(c.t) - Number(p.t);
}

async function payslipOf(desk: Desk, code: string) {
  const view = await desk.settlements.find(code);
  const run = {
    code: view.run.code,
    name: view.run.name,
    kind: view.run.kind,
    period: { from: view.run.period_from, to: view.run.period_to },
    lines: view.lines,
  };
  return { view, html: payslipsHtml(run, view.lines, SAMPLE_CONTEXT).html };
}

describe('corrections of a closed period are adjustment entries that every desk, the server and the next run agree on', () => {
  let office: Office;
  beforeAll(async () => {
    office = await startOffice({ orgTimeZone: 'UTC' });
  });
  afterAll(async () => office?.close());

  it('a late entry, an edit and a void refused as PERIOD_CLOSED become adjustments the next run pays', async () => {
    const boss = await office.desk('supervisor');
    const tea = await boss.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await boss.rates.set({ product_uuid: tea.uuid, rate_minor: 3_000, effective_from: '2026-01-01' });
    const amina = await boss.suppliers.create({ code: 'S1', name: 'Amina', region: 'North' });
    const baraka = await boss.suppliers.create({ code: 'S2', name: 'Baraka', region: 'North' });
    await boss.charges.create({
      code: 'MGT',
      name: 'Management fee',
      kind: 'percent',
      value: 1_500,
      product_uuid: null,
      active_from: '2026-01-01',
      active_to: null,
    });

    // Two desks record the first half of November offline, then sync.
    const deskA = await office.desk('clerk');
    const deskB = await office.desk('clerk');
    await syncUntilQuiet([boss, deskA, deskB]);
    deskA.network.online = false;
    deskB.network.online = false;
    const delivered: string[] = [];
    for (const day of ['02', '05'])
      delivered.push(
        (
          await deskA.collections.create({
            supplier_uuid: amina.uuid,
            product_uuid: tea.uuid,
            quantity_milli: 40_000,
            collected_at: at(day),
          })
        ).uuid,
      );
    await deskB.collections.create({
      supplier_uuid: baraka.uuid,
      product_uuid: tea.uuid,
      quantity_milli: 25_500,
      collected_at: at('03'),
    });
    const advance = await deskB.payments.create({
      supplier_uuid: amina.uuid,
      amount_minor: 100_000,
      type: 'advance',
      method: 'cash',
      paid_at: at('04'),
    });
    deskA.network.online = true;
    deskB.network.online = true;
    await syncUntilQuiet([deskA, deskB]);

    // A third desk goes offline before the period closes (a desk that knows of the run refuses these at entry).
    const deskC = await office.desk('supervisor');
    await syncUntilQuiet([deskC]);
    deskC.network.online = false;

    // A supervisor runs and approves the period: it closes.
    await boss.settlements.create({ period_from: '2026-11-01', period_to: '2026-11-15', code: 'NOV-1' });
    await boss.settlements.approve('NOV-1');

    // Still offline, the third desk works into the closed period: a late delivery, an edit and a void.
    const late = await deskC.collections.create({
      supplier_uuid: baraka.uuid,
      product_uuid: tea.uuid,
      quantity_milli: 10_000,
      collected_at: at('10'),
    });
    await deskC.collections.update(delivered[1]!, { quantity_milli: 35_000 });
    await deskC.payments.void({ uuid: advance.uuid, reason: 'paid to the wrong supplier' });
    await deskC.collections.update(delivered[0]!, { collected_at: at('06') });
    deskC.network.online = true;
    await deskC.engine.sync('manual');
    const attention = await deskC.outbox.needsAttention();
    expect(attention.map((a) => [a.entity_uuid, a.code])).toEqual([
      [late.uuid, 'PERIOD_CLOSED'],
      [delivered[1], 'PERIOD_CLOSED'],
      [advance.uuid, 'PERIOD_CLOSED'],
      [delivered[0], 'PERIOD_CLOSED'],
    ]);
    // Moving a closed delivery's date is no difference of quantity: it cannot be adjusted, only discarded.
    await expect(deskC.adjustments.adjust(attention[3]!.op_id)).rejects.toThrow(
      'Only a change of the quantity can become an adjustment (this one changes collected_at); discard it and record a new entry in the open period',
    );
    await deskC.outbox.discard({ op_id: attention[3]!.op_id, reason: 'the date was right' });

    // The adjustment path fixes each: the late entry re-dated, the edit and the void as linked entries (the
    // void through the headless `adjust --op ID`).
    const [forLate, forEdit] = [
      await deskC.adjustments.adjust(attention[0]!.op_id),
      await deskC.adjustments.adjust(attention[1]!.op_id),
    ];
    const printed: [string, unknown][] = [];
    const code = await payRunCommands.adjust!(deskC, { op: attention[2]!.op_id }, [], {
      print: (human, value) => void printed.push([human, value]),
    });
    expect(code).toBe(0);
    const forVoid = printed[0]![1] as { notes: string; adjustment_uuid: string };
    expect(printed[0]![0]).toBe(
      `Adjustment ${forVoid.adjustment_uuid} queued, dated now: Adjustment of 2026-11-04 advance payment: reversed (voided: paid to the wrong supplier)`,
    );
    expect(forLate.notes).toBe('Adjustment: delivery of 2026-11-10, in the period closed by settlement run NOV-1');
    expect(forEdit.notes).toBe('Adjustment of 2026-11-05 delivery TEA: 40 kg → 35 kg');
    const lessDelivered = await deskC.collections.get(forEdit.adjustment_uuid!);
    expect(lessDelivered).toMatchObject({ quantity_milli: -5_000, amount_minor: -15_000, adjusts_uuid: delivered[1] });
    // The adjustment itself is in the open period: an edit re-prices it at the corrected record's rate, as the
    // server does (not at today's rate, and only an adjustment may go below zero).
    await boss.rates.set({ product_uuid: tea.uuid, rate_minor: 9_999, effective_from: '2026-11-16' });
    await syncUntilQuiet([boss, deskC]);
    const recounted = await deskC.collections.update(lessDelivered.uuid, {
      quantity_milli: -6_000,
      collected_at: new Date(Date.parse(lessDelivered.collected_at) - 60_000).toISOString(),
    });
    expect(recounted).toMatchObject({ quantity_milli: -6_000, rate_minor: 3_000, amount_minor: -18_000 });
    await expect(deskC.collections.update(delivered[0]!, { quantity_milli: -1 })).rejects.toMatchObject({
      fields: { quantity_milli: 'must be greater than zero' },
    });
    const reversal = await deskC.payments.get(forVoid.adjustment_uuid!);
    expect(reversal).toMatchObject({ amount_minor: -100_000, type: 'advance', adjusts_uuid: advance.uuid });
    // The closed records are back as the server holds them; the refused ops are resolved, not lost.
    expect((await deskC.collections.get(delivered[1]!)).quantity_milli).toBe(40_000);
    expect((await deskC.payments.get(advance.uuid)).voided_at).toBeNull();
    const resolved = await deskC.db
      .selectFrom('outbox')
      .select(['entity_uuid', 'status'])
      .where('status', '=', 'discarded')
      .orderBy('id')
      .execute();
    expect(resolved).toEqual([
      { entity_uuid: delivered[1], status: 'discarded' },
      { entity_uuid: advance.uuid, status: 'discarded' },
      { entity_uuid: delivered[0], status: 'discarded' },
    ]);
    await syncUntilQuiet([deskC, boss, deskA, deskB]);
    expect(await deskC.outbox.needsAttention()).toEqual([]);

    // The next run takes the adjustments in: owed to Amina in gross, owed back by her as a deduction.
    const madeOn = (await deskC.collections.get(late.uuid)).collected_at.slice(0, 10);
    const to = madeOn > '2026-11-30' ? madeOn : '2026-11-30';
    const next = await boss.settlements.create({ period_from: '2026-11-16', period_to: to, code: 'NOV-2' });
    const [s1, s2] = next.lines;
    expect(s1).toMatchObject({
      supplier_code: 'S1',
      gross_minor: 100_000,
      deductions_minor: 18_000,
      net_minor: 82_000,
    });
    expect(s1!.gross_lines).toEqual([
      expect.objectContaining({ product_name: 'Adjustment of 2026-11-04 advance payment', amount_minor: 100_000 }),
    ]);
    expect(s1!.deductions).toEqual([
      expect.objectContaining({
        kind: 'adjustment',
        name: 'Adjustment of 2026-11-05 delivery TEA',
        amount_minor: 18_000,
      }),
    ]);
    // Baraka: the re-dated 10 kg at today's rate, 10 × 99.99 = 999.90, less 1.5 % = 14.9985 → 15.00.
    expect(s2).toMatchObject({ supplier_code: 'S2', gross_minor: 99_990, deductions_minor: 1_500, net_minor: 98_490 });
    await boss.settlements.approve('NOV-2');
    await syncUntilQuiet([boss, deskA, deskB, deskC]);

    // Every desk agrees with the server and with each other; each payslip shows the run's own figures.
    const desks = [deskA, deskB, deskC];
    for (const supplier of [amina, baraka]) {
      const onServer = await serverBalance(office, supplier.uuid);
      for (const desk of desks) expect((await desk.balances.of(supplier.uuid)).balance_minor).toBe(onServer);
      const statements = await Promise.all(
        desks.map(async (desk) =>
          (
            await renderReport(
              desk,
              { kind: 'statement', supplier_uuid: supplier.uuid, from: '2026-11-01', to: to },
              SAMPLE_CONTEXT,
            )
          ).html.replace(/Printed[^<]*/g, ''),
        ),
      );
      expect(new Set(statements).size).toBe(1);
    }
    expect(await serverBalance(office, amina.uuid)).toBe(240_000 - 18_000);
    const statement = await renderReport(
      deskA,
      { kind: 'statement', supplier_uuid: amina.uuid, from: '2026-11-01', to },
      SAMPLE_CONTEXT,
    );
    expect(textOf(statement.html)).toContain('Adjustment of 2026-11-05 delivery TEA');
    expect(textOf(statement.html)).toContain('Adjustment of 2026-11-04 advance payment');

    const slips = await Promise.all(desks.map((desk) => payslipOf(desk, 'NOV-2')));
    expect(new Set(slips.map((s) => s.html)).size).toBe(1);
    for (const { view, html } of slips) {
      expect(view.run.status).toBe('approved');
      expect(view.lines.map((l) => [l.supplier_code, l.gross_minor, l.deductions_minor, l.net_minor])).toEqual(
        next.lines.map((l) => [l.supplier_code, l.gross_minor, l.deductions_minor, l.net_minor]),
      );
      for (const line of view.lines) {
        for (const figure of [line.gross_minor, line.deductions_minor, line.net_minor])
          expect(html).toContain(money(figure));
        for (const g of line.gross_lines) expect(textOf(html)).toContain(g.product_name);
        for (const d of line.deductions) expect(textOf(html)).toContain(d.name);
      }
    }
  });
});
