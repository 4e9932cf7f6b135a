import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../app/main/core/create-core';
import { formatMoney } from '../../shared';
import { connectAs, PASSWORD, shot, startE2E, typeCollection } from './office';

const money = (minor: number) => formatMoney(minor, { currency: 'USD', locale: 'en-US' });

/**
 * A mistyped delivery (100000 for 10.0): the entry asks before saving a weight far above the product's usual,
 * and a supervisor voids one that got through, with a reason; it leaves the totals and the server's books.
 */
describe('correcting a mistyped collection', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  let core: Core;
  beforeAll(async () => {
    e = await startE2E();
    await connectAs(e.page, 'supervisor@example.com');
    core = e.host.core;
    const tea = await core.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await core.rates.set({ product_uuid: tea.uuid, rate_minor: 2450, effective_from: '2026-01-01' });
    const supplier = await core.suppliers.create({ code: 'S-0004', name: 'Chebet Kiprono' });
    // Five earlier deliveries: the product's usual is their median, 24.6 kg.
    const earlier = new Date(Date.now() - 3 * 86_400_000).toISOString();
    for (const quantity_milli of [20_000, 24_600, 30_000, 22_000, 25_000])
      await core.collections.create({
        supplier_uuid: supplier.uuid,
        product_uuid: tea.uuid,
        quantity_milli,
        collected_at: earlier,
      });
    await core.engine.sync('manual');
  });
  afterAll(async () => e?.close());

  it('asks before saving 100000 kg; Enter is No, and nothing is saved', async () => {
    const { page } = e;
    await page.keyboard.press('Control+2');
    await page.getByRole('heading', { name: 'Record collections' }).waitFor();
    await typeCollection(page, 'S-0004', '100000');
    const dialog = page.getByRole('dialog', { name: 'Unusual weight' });
    await expect
      .poll(() => dialog.getByTestId('unusual-weight').textContent())
      .toBe("100,000 kg is far above this product's usual (median 24.6 kg). Save anyway?");
    await shot(page, 'unusual-weight');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('entry-quantity');
    expect(await page.getByTestId('today-count').textContent()).toBe('0 entries');
    expect((await core.collections.list({ from: new Date(Date.now() - 86_400_000).toISOString() })).total).toBe(0);
  });

  it('a supervisor voids the typo that got through, with a reason: struck through, and the totals drop', async () => {
    const { page } = e;
    // The clerk says Yes this time (the typo gets through), then records a right one.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Unusual weight' }).getByRole('button', { name: 'Save anyway' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved 100,000 kg from S-0004');
    await typeCollection(page, 'S-0004', '10');
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('2 entries');
    expect(await page.getByTestId('today-total').textContent()).toBe(money(245_000_000 + 24_500));

    const table = page.getByRole('table', { name: "Today's collections" });
    const typo = table.locator('tbody tr', { hasText: '100,000 kg' });
    await typo.getByRole('button', { name: 'Void' }).click();
    const dialog = page.getByRole('dialog', { name: 'Void this collection?' });
    expect(await dialog.textContent()).toContain(`100,000 kg from S-0004 Chebet Kiprono, ${money(245_000_000)}`);
    await dialog.getByRole('button', { name: 'Void collection' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Please give a reason');
    await dialog.getByLabel('Reason').fill('Typed 100000 for 10.0');
    await shot(page, 'void-collection-confirm');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);

    await expect.poll(() => page.getByTestId('today-total').textContent()).toBe(money(24_500));
    expect(await page.getByTestId('today-count').textContent()).toBe('1 entry (1 voided, not counted)');
    expect(await typo.getAttribute('class')).toBe('voided');
    expect(await typo.locator('del').allTextContents()).toEqual(['100,000 kg', money(245_000_000)]);
    expect(await typo.textContent()).toContain('Void: Typed 100000 for 10.0');
    await shot(page, 'void-collection-done');

    // The supplier's balance without it: 20 + 24.6 + 30 + 22 + 25 + 10 kg at 24.50.
    const supplier = await core.suppliers.getByCode('S-0004');
    expect((await core.balances.of(supplier.uuid)).collected_minor).toBe(322_420);
    // The server's books drop it too.
    await core.engine.sync('manual');
    const { rows } = await sql<{ voided: number }>`
      select count(*) as voided from collections where quantity_milli = 100000000 and deleted_at is not null
    `.execute(e.db.db);
    expect(Number(rows[0]!.voided)).toBe(1);
  });

  it('a clerk sees no Void, but why', async () => {
    const { page } = e;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    await page.getByLabel('Email').fill('clerk@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signed in again, the desk opens where it was: the collections.
    await page.getByText('Wanjiru Clerk').waitFor();
    await page.keyboard.press('Control+2');
    await page.getByRole('heading', { name: 'Record collections' }).waitFor();
    const row = page.getByRole('table', { name: "Today's collections" }).locator('tbody tr', { hasText: '10 kg' });
    const voidButton = row.getByRole('button', { name: 'Void' });
    expect(await voidButton.isDisabled()).toBe(true);
    const describedBy = (await voidButton.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('supervisors void collections');
  });
});
