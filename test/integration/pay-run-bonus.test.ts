import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payslipRun, payslipsHtml } from '../../app/main/core/reports/payslips/payslip';
import { SAMPLE_CONTEXT } from '../../app/main/core/reports/payslips/sample-run';
import { startOffice, syncUntilQuiet } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;
const at = (day: string) => `2026-10-${day}T09:00:00.000Z`;

/**
 * A second payment through the stored path: the desk asks the server's route, stores the rows it answers with,
 * and approval, the payout file and the payslips all read those stored rows.
 */
describe('a second payment (bonus run)', () => {
  let office: Office;
  beforeAll(async () => {
    office = await startOffice({ orgTimeZone: 'UTC' });
  });
  afterAll(async () => office?.close());

  it('pays a rate per unit over a past period, is approved, exported and printed, and closes no period', async () => {
    const boss = await office.desk('supervisor');
    const tea = await boss.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    const milk = await boss.products.create({ code: 'MILK', name: 'Milk', unit: 'l' });
    await boss.rates.set({ product_uuid: tea.uuid, rate_minor: 3_000, effective_from: '2026-01-01' });
    await boss.rates.set({ product_uuid: milk.uuid, rate_minor: 5_000, effective_from: '2026-01-01' });
    const amina = await boss.suppliers.create({
      code: 'S1',
      name: 'Amina',
      region: 'North',
      payout_method: 'mobile',
      mobile_phone: '+254 712 345 678',
    });
    const baraka = await boss.suppliers.create({ code: 'S2', name: 'Baraka', region: 'North' });
    const clerk = await office.desk('clerk');
    await syncUntilQuiet([boss, clerk]);
    for (const [supplier, product, quantity_milli, day] of [
      [amina.uuid, tea.uuid, 100_000, '05'],
      [amina.uuid, tea.uuid, 20_501, '10'],
      [amina.uuid, milk.uuid, 8_000, '11'],
      [baraka.uuid, tea.uuid, 10_000, '12'],
    ] as const)
      await clerk.collections.create({
        supplier_uuid: supplier,
        product_uuid: product,
        quantity_milli,
        collected_at: at(day),
      });
    await syncUntilQuiet([clerk, boss]);

    await expect(
      boss.settlements.create({ kind: 'bonus', period_from: '2026-10-01', period_to: '2026-10-31' }),
    ).rejects.toMatchObject({ fields: { bonus_rates: 'are required for a bonus run, and only for one' } });
    const draft = await boss.settlements.create({
      kind: 'bonus',
      code: 'BONUS-OCT',
      period_from: '2026-10-01',
      period_to: '2026-10-31',
      bonus_rates: [{ product_uuid: tea.uuid, rate_minor: 50 }],
    });
    expect(draft.run).toMatchObject({ kind: 'bonus', status: 'draft', suppliers: 2, gross_minor: 6_025 + 500 });
    // 120.501 kg × 0.50 = 60.2505 → 60.25, rounded once on the summed quantity; milk has no bonus rate.
    expect(draft.lines.map((l) => [l.supplier_code, l.gross_lines, l.net_minor])).toEqual([
      [
        'S1',
        [
          expect.objectContaining({
            product_code: 'TEA',
            quantity_milli: 120_501,
            rate_minor: 50,
            amount_minor: 6_025,
          }),
        ],
        6_025,
      ],
      ['S2', [expect.objectContaining({ product_code: 'TEA', quantity_milli: 10_000, amount_minor: 500 })], 500],
    ]);

    const approved = await boss.settlements.approve('BONUS-OCT');
    expect(approved.run.status).toBe('approved');
    const file = await boss.settlements.payoutFile('BONUS-OCT', 'mobile', 'USD');
    expect(file.csv.trim().split('\n')).toEqual(['phone,amount,reference', '+254712345678,60.25,BONUS-OCT-S1']);

    await syncUntilQuiet([clerk]);
    const stored = await clerk.settlements.find('BONUS-OCT');
    expect(stored.run).toMatchObject({ kind: 'bonus', status: 'approved' });
    const { html, pages } = payslipsHtml(payslipRun(stored), stored.lines, SAMPLE_CONTEXT);
    expect(pages).toBe(2);
    expect(html).toContain('Second payment slip');
    expect(html).toContain('TEA Green tea leaf');
    expect(html).toContain('120.501 kg');
    expect(html).not.toContain('MILK Milk');

    // A bonus run closes no period: a late delivery dated in it still goes through.
    await clerk.collections.create({
      supplier_uuid: baraka.uuid,
      product_uuid: tea.uuid,
      quantity_milli: 5_000,
      collected_at: at('20'),
    });
    await syncUntilQuiet([clerk]);
    expect(await clerk.outbox.needsAttention()).toEqual([]);
  });
});
