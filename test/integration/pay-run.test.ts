import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntityService } from '../../app/main/core/domain/entity-service';
import { startOffice, syncUntilQuiet } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;
const at = (day: string) => `2026-11-${day}T09:00:00.000Z`;

describe('a pay run over two desks’ offline work, approved, closes the period for every desk', () => {
  let office: Office;
  beforeAll(async () => {
    office = await startOffice({ orgTimeZone: 'UTC' });
  });
  afterAll(async () => office?.close());

  it('computes on the server, syncs read-only, refuses a late entry as PERIOD_CLOSED, and the adjustment goes through', async () => {
    const boss = await office.desk('supervisor');
    const tea = await boss.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await boss.rates.set({ product_uuid: tea.uuid, rate_minor: 3_000, effective_from: '2026-01-01' });
    const amina = await boss.suppliers.create({ code: 'S1', name: 'Amina', region: 'North' });
    const baraka = await boss.suppliers.create({
      code: 'S2',
      name: 'Baraka',
      region: 'North',
      payout_method: 'mobile',
      mobile_phone: '+254 712 345 678',
    });
    await expect(boss.suppliers.update(amina.uuid, { payout_method: 'bank' })).rejects.toMatchObject({
      fields: { bank_account_number: 'is required to pay by bank', bank_code: 'is required to pay by bank' },
    });
    await boss.charges.create({
      code: 'MGT',
      name: 'Management fee',
      kind: 'percent',
      value: 1_500,
      product_uuid: null,
      active_from: '2026-01-01',
      active_to: null,
    });
    await boss.credits.create({
      supplier_uuid: amina.uuid,
      kind: 'input',
      description: 'Fertiliser, 2 bags',
      principal_minor: 90_000,
      instalment_minor: 30_000,
      issued_on: '2026-10-25',
    });

    const deskA = await office.desk('clerk');
    const deskB = await office.desk('clerk');
    await syncUntilQuiet([boss, deskA, deskB]);
    await expect(
      deskA.charges.create({
        code: 'X',
        name: 'X',
        kind: 'fixed',
        value: 100,
        product_uuid: null,
        active_from: '2026-01-01',
        active_to: null,
      }),
    ).rejects.toThrow('Only a supervisor may manage charges');

    deskA.network.online = false;
    deskB.network.online = false;
    for (const day of ['02', '05', '09'])
      await deskA.collections.create({
        supplier_uuid: amina.uuid,
        product_uuid: tea.uuid,
        quantity_milli: 40_000,
        collected_at: at(day),
      });
    await deskB.collections.create({
      supplier_uuid: baraka.uuid,
      product_uuid: tea.uuid,
      quantity_milli: 25_500,
      collected_at: at('03'),
    });
    await deskB.payments.create({
      supplier_uuid: amina.uuid,
      amount_minor: 100_000,
      type: 'advance',
      method: 'cash',
      paid_at: at('04'),
    });
    deskA.network.online = true;
    deskB.network.online = true;
    await syncUntilQuiet([deskA, deskB]);

    const draft = await boss.settlements.create({ period_from: '2026-11-01', period_to: '2026-11-15', code: 'NOV-1' });
    expect(draft.run).toMatchObject({ status: 'draft', suppliers: 2 });
    const [s1, s2] = draft.lines;
    // Amina: 120 kg × 30.00 = 3,600.00; advance 1,000.00; 1.5 % = 54.00; fertiliser instalment 300.00.
    expect(s1).toMatchObject({
      supplier_code: 'S1',
      gross_minor: 360_000,
      deductions_minor: 100_000 + 5_400 + 30_000,
      net_minor: 224_600,
    });
    // Baraka: 25.5 kg × 30.00 = 765.00; 1.5 % = 11.475 → 11.48.
    expect(s2).toMatchObject({ supplier_code: 'S2', gross_minor: 76_500, deductions_minor: 1_148, net_minor: 75_352 });
    for (const line of draft.lines)
      expect(line.gross_minor - line.deductions.reduce((t, d) => t + d.amount_minor, 0)).toBe(line.net_minor);
    expect(draft.run.net_minor).toBe(s1!.net_minor + s2!.net_minor);

    // A route nobody is on is refused by the server, beside the field, and nothing is stored on the desk.
    const runsBefore = await boss.settlements.list();
    await expect(
      boss.settlements.create({ period_from: '2026-11-01', period_to: '2026-11-15', route: 'NOPE' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { route: 'no such route' } });
    expect(await boss.settlements.list()).toEqual(runsBefore);

    // A third desk goes offline before NOV-1 is approved, and records into its period meanwhile.
    const deskC = await office.desk('clerk');
    await syncUntilQuiet([deskC]);
    deskC.network.online = false;
    const late = await deskC.collections.create({
      supplier_uuid: amina.uuid,
      product_uuid: tea.uuid,
      quantity_milli: 10_000,
      collected_at: at('10'),
    });

    // A rival draft over the same days: once NOV-1 is approved it can be neither recomputed nor approved.
    const rival = await boss.settlements.create({ period_from: '2026-11-01', period_to: '2026-11-20', code: 'NOV-1B' });
    const approved = await boss.settlements.approve('NOV-1');
    expect(approved.run.status).toBe('approved');
    const closedBy = { code: 'PERIOD_CLOSED', fields: { period_from: 'overlaps settlement run NOV-1' } };
    await expect(boss.settlements.recompute('NOV-1B')).rejects.toMatchObject(closedBy);
    await expect(boss.settlements.approve('NOV-1B')).rejects.toMatchObject(closedBy);
    expect((await boss.settlements.find('NOV-1B')).run).toEqual(rival.run);

    // The approving desk knows the period is closed: a late entry there is refused at entry.
    await expect(
      boss.collections.create({
        supplier_uuid: amina.uuid,
        product_uuid: tea.uuid,
        quantity_milli: 10_000,
        collected_at: at('11'),
      }),
    ).rejects.toMatchObject({ code: 'PERIOD_CLOSED', fields: { collected_at: expect.stringContaining('NOV-1') } });

    deskC.network.online = true;
    await deskC.engine.sync('manual');
    const seen = await deskC.settlements.find('NOV-1');
    expect(seen.run).toMatchObject({ status: 'approved', net_minor: draft.run.net_minor });
    expect(seen.lines.map((l) => l.net_minor)).toEqual([224_600, 75_352]);
    expect((await deskC.credits.listForSupplier(amina.uuid))[0]).toMatchObject({ remaining_minor: 60_000 });
    const runs = createEntityService(deskC.ctx, 'settlement_runs');
    await expect(runs.update(seen.run.uuid, { status: 'paid' })).rejects.toThrow(
      'Settlement runs are computed on the server; desks only read them',
    );

    // What deskC queued before it learnt of the run is refused by the server, and kept for an adjustment.
    const attention = await deskC.outbox.needsAttention();
    expect(attention).toEqual([
      expect.objectContaining({
        entity_uuid: late.uuid,
        status: 422,
        code: 'PERIOD_CLOSED',
        message: expect.stringContaining('settlement run NOV-1'),
      }),
    ]);

    // The refused new entry becomes an adjustment: dated now, saying why (and only once).
    const { notes } = await deskC.adjustments.adjust(attention[0]!.op_id);
    expect(notes).toBe('Adjustment: delivery of 2026-11-10, in the period closed by settlement run NOV-1');
    await expect(deskC.adjustments.adjust(attention[0]!.op_id)).rejects.toThrow(
      /Only a change of a collection or payment/,
    );
    await syncUntilQuiet([deskC, boss]);
    expect(await deskC.outbox.needsAttention()).toEqual([]);
    const adjusted = await deskC.collections.get(late.uuid);
    expect(adjusted.notes).toBe(notes);
    // The adjustment is dated when it was made (the test's clock): the next run's period takes it in.
    const madeOn = adjusted.collected_at.slice(0, 10);
    const to = madeOn > '2026-11-30' ? madeOn : '2026-11-30';
    const next = await boss.settlements.create({ period_from: '2026-11-16', period_to: to, code: 'NOV-2' });
    expect(next.lines).toEqual([
      expect.objectContaining({ supplier_code: 'S1', gross_minor: 30_000, credit_remaining_minor: 30_000 }),
    ]);

    const file = await boss.settlements.payoutFile('NOV-1', 'mobile', 'USD');
    expect(file.csv.trim().split('\n')).toEqual(['phone,amount,reference', '+254712345678,753.52,NOV-1-S2']);
    expect(file.skipped).toEqual([{ supplier_code: 'S1', reason: 'has no payout method (cash)' }]);
    await expect(
      boss.settlements.importPayoutResults('NOV-1', 'reference,status,provider_reference\nNOV-1-S9,paid,X\n'),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const paid = await boss.settlements.importPayoutResults(
      'NOV-1',
      'reference,status,provider_reference,message\nNOV-1-S2,paid,MP-123,\nNOV-1-S1,paid,CASH-7,paid in cash\n',
    );
    expect(paid.run.status).toBe('paid');
    await syncUntilQuiet([deskA]);
    expect((await deskA.settlements.find('NOV-1')).run.status).toBe('paid');
  });
});
