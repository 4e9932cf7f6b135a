import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../app/main/core/create-core';
import { connectAs, shot, startE2E } from './office';

/** A supervisor keeps charges and credit, runs a period, reviews it, approves, exports and prints. */
describe('pay run through the screens', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  let core: Core;
  beforeAll(async () => {
    e = await startE2E();
    await connectAs(e.page, 'supervisor@example.com');
    core = e.host.core;
    const tea = await core.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await core.rates.set({ product_uuid: tea.uuid, rate_minor: 3_000, effective_from: '2026-01-01' });
    const a = await core.suppliers.create({ code: 'S-0001', name: 'Amina Njeri', region: 'Litein' });
    const b = await core.suppliers.create({
      code: 'S-0002',
      name: 'Baraka Otieno',
      region: 'Litein',
      payout_method: 'mobile',
      mobile_phone: '+254712345678',
    });
    for (const [supplier, kg, day] of [
      [a, 100, '03'],
      [a, 20, '08'],
      [b, 10, '04'],
    ] as const)
      await core.collections.create({
        supplier_uuid: supplier.uuid,
        product_uuid: tea.uuid,
        quantity_milli: kg * 1000,
        collected_at: `2026-11-${day}T08:00:00.000Z`,
      });
    await core.engine.sync('manual');
  });
  afterAll(async () => e?.close());

  it('charges under Products & rates, credit on the supplier', async () => {
    const { page } = e;
    await page.keyboard.press('Control+5');
    await page.getByRole('button', { name: 'New charge…' }).click();
    const form = page.getByRole('form', { name: 'New charge' });
    await form.getByLabel('Charge code').fill('MGT');
    await form.getByLabel('Charge name').fill('Management fee');
    await form.getByLabel('Percent').fill('1.5');
    await form.getByLabel('Active from').fill('2026-01-01');
    await form.getByRole('button', { name: 'Add charge' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Charges list' }).textContent())
      .toContain('Management fee1.5%all');

    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: /S-0001/ }).click();
    await page.getByRole('button', { name: 'Edit payout details' }).click();
    const payout = page.getByRole('form', { name: 'Payout details' });
    await payout.getByLabel('Paid by').selectOption('bank');
    await payout.getByLabel('Bank account number').fill('0123 4567 89');
    await payout.getByRole('button', { name: 'Save payout details' }).click();
    await expect.poll(() => payout.locator('.field--error').textContent()).toContain('is required to pay by bank');
    await payout.getByLabel('Bank code').fill('kcb01');
    await payout.getByRole('button', { name: 'Save payout details' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Payout details' }).textContent())
      .toContain('Bank transfer · KCB01 0123456789');
    await page.getByRole('button', { name: 'New credit…' }).click();
    const credit = page.getByRole('form', { name: 'New credit' });
    await credit.getByLabel('Kind of credit').selectOption('input');
    await credit.getByLabel('What was given').fill('Fertiliser, 2 bags');
    await credit.getByLabel(/^Principal/).fill('900');
    await credit.getByLabel(/^Instalment per run/).fill('1000');
    await credit.getByRole('button', { name: 'Add credit' }).click();
    await expect.poll(() => credit.getByRole('alert').first().textContent()).toBe('cannot be more than the principal');
    await credit.getByLabel(/^Instalment per run/).fill('300');
    await credit.getByRole('button', { name: 'Add credit' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Credit list' }).textContent())
      .toContain('Inputs on credit: Fertiliser, 2 bags');
    expect((await core.engine.sync('manual')).outcome).toBe('success');
  });

  it('computes a draft, drills down, approves, exports the mobile-money file and prints payslips', async () => {
    const { page } = e;
    await page.keyboard.press('Control+0');
    const form = page.getByRole('form', { name: 'New settlement run' });
    await form.getByLabel('Period from').fill('2026-11-01');
    await form.getByLabel('Period to').fill('2026-11-15');
    // A route nobody is on is refused by the server beside the field, and no run is made.
    const route = form.getByLabel('Route (optional)');
    await route.fill('NOPE');
    await form.getByRole('button', { name: 'Compute draft' }).click();
    await expect
      .poll(() =>
        form
          .locator('.field', { has: page.getByLabel('Route (optional)') })
          .getByRole('alert')
          .textContent(),
      )
      .toBe('no such route');
    await expect.poll(() => form.locator('.form-message').textContent()).toBe('Please correct the highlighted field.');
    expect(await core.settlements.list()).toEqual([]);
    await route.fill('');
    await form.getByLabel('Run code (optional)').fill('NOV-1');
    await form.getByRole('button', { name: 'Compute draft' }).click();
    const run = page.getByRole('region', { name: 'Run NOV-1' });
    await expect.poll(() => run.getByRole('heading').textContent()).toMatch(/NOV-1 · .*draft/);
    // Amina: 120 kg × 30.00 = 3,600.00 less 54.00 fee and 300.00 instalment; Baraka: 300.00 less 4.50.
    await expect.poll(() => run.getByTestId('run-totals').textContent()).toContain('$3,541.50');
    await run.getByRole('button', { name: 'S-0001' }).click();
    const detail = run.getByLabel('Detail of S-0001');
    expect(await detail.textContent()).toContain('Management fee$54.00Instalment: Fertiliser, 2 bags$300.00');
    expect(await detail.textContent()).toContain('Credit remaining: Fertiliser, 2 bags$600.00');
    await shot(page, 'settlements-draft');

    await run.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('button', { name: 'Approve and close the period' }).click();
    await expect.poll(() => run.getByRole('heading').textContent()).toMatch(/approved/);

    const csv = page.waitForEvent('download');
    await run.getByRole('button', { name: 'Export mobile-money file' }).click();
    const file = await csv;
    expect(file.suggestedFilename()).toBe('NOV-1-mobile.csv');
    await expect.poll(() => run.getByRole('status').textContent()).toContain('1 supplier(s) are paid another way');
    expect(
      readFileSync((await file.path())!, 'utf8')
        .trim()
        .split('\n'),
    ).toEqual(['phone,amount,reference', '+254712345678,295.50,NOV-1-S-0002']);

    const pdf = page.waitForEvent('download');
    await run.getByRole('button', { name: 'Print payslips' }).click();
    const payslips = await pdf;
    expect(payslips.suggestedFilename()).toBe('payslips-NOV-1.pdf');
    expect(
      readFileSync((await payslips.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await shot(page, 'settlements-approved');

    // One supplier's payslip from their own screen.
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: /S-0002/ }).click();
    const theirs = page.getByRole('table', { name: 'Pay runs of this supplier' });
    await expect.poll(() => theirs.textContent()).toContain('NOV-1');
    const one = page.waitForEvent('download');
    await theirs.getByRole('button', { name: 'Payslip' }).click();
    expect((await one).suggestedFilename()).toBe('payslips-NOV-1-S-0002.pdf');
  });

  it('previews and creates a second payment per kg over the past period, reviewed like any run', async () => {
    const { page } = e;
    await page.keyboard.press('Control+0');
    const form = page.getByRole('form', { name: 'New second payment' });
    await form.getByLabel('Period from').fill('2026-11-01');
    await form.getByLabel('Period to').fill('2026-11-15');
    await form.getByLabel('Run code (optional)').fill('BONUS-NOV');
    await form.getByLabel('TEA Green tea leaf: rate per kg').fill('0.505');
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => form.locator('.field--error').textContent())
      .toBe('TEA Green tea leaf: rate per kgRate allows at most 2 decimal places');
    await form.getByLabel('TEA Green tea leaf: rate per kg').fill('0.50');
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => form.getByRole('table', { name: 'Second payment preview' }).textContent())
      .toContain('TEA Green tea leaf$0.50 per kg');
    await shot(page, 'settlements-bonus-preview');
    await form.getByRole('button', { name: 'Create draft second payment' }).click();
    const run = page.getByRole('region', { name: 'Run BONUS-NOV' });
    await expect.poll(() => run.getByRole('heading').textContent()).toMatch(/BONUS-NOV · .*draft/);
    // 120 kg and 10 kg × 0.50.
    await expect.poll(() => run.getByTestId('run-totals').textContent()).toContain('$65.00');
    await expect
      .poll(() => page.getByRole('table', { name: 'Settlement runs' }).textContent())
      .toContain('second payment');
    await run.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('It closes no period');
    await page.getByRole('button', { name: 'Approve the second payment' }).click();
    await expect
      .poll(() => run.getByRole('status').textContent())
      .toBe('Approved: the second payment is ready to pay.');
  });
});
