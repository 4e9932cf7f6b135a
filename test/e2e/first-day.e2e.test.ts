import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../app/main/core/auth/secret-store';
import { createCore, type Core } from '../../app/main/core/create-core';
import { formatMoney } from '../../shared';
import { connectAs, PASSWORD, shot, startE2E, typeCollection } from './office';

const money = (minor: number) => formatMoney(minor, { currency: 'USD', locale: 'en-US' });
const REGIONS = ['Kericho', 'Litein', 'Bomet', 'Sotik', 'Londiani'];
const supplierOf = (i: number) => ({
  code: `S-${String(i).padStart(4, '0')}`,
  name: `Grower number ${i} ${['Chebet', 'Kiprono', 'Wanjiru', 'Otieno'][i % 4]}`,
  phone: `0722 ${String(100_000 + i * 37).slice(0, 3)} ${String(100 + i).slice(-3)}`,
  region: REGIONS[i % REGIONS.length]!,
});
/** 80 characters, the most a reference may have, with a receipt number longer than a printed line. */
const LONG_REFERENCE = 'MPESA QK7H2L9XP1ZZ8W3 paid via agent 0722 123 456 Litein branch, slip 4471/26-11';

async function focusedIs(page: Page, label: string | RegExp): Promise<boolean> {
  return page.getByLabel(label).evaluate((el) => el === document.activeElement);
}

/** The defects a new clerk met on the first day, each shown fixed through the real UI. */
describe('a new user’s first day', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  let core: Core;
  beforeAll(async () => {
    e = await startE2E();
    await connectAs(e.page, 'supervisor@example.com');
    core = e.host.core;
    for (const [code, name, unit, rate] of [
      ['TEA', 'Green tea leaf', 'kg', 2450],
      ['MILK', 'Fresh milk', 'l', 4700],
    ] as const) {
      const product = await core.products.create({ code, name, unit });
      await core.rates.set({ product_uuid: product.uuid, rate_minor: rate, effective_from: '2026-01-01' });
    }
    for (let i = 1; i <= 50; i++) await core.suppliers.create(supplierOf(i));
    await core.engine.sync('manual');
  });
  afterAll(async () => e?.close());

  it('the supplier list: 50 suppliers, every value under its own column', async () => {
    const { page } = e;
    await page.keyboard.press('Control+3');
    await expect.poll(() => page.getByTestId('supplier-count').textContent()).toBe('50 suppliers');
    const header = page.locator('.table-head span');
    expect(await header.allTextContents()).toEqual(['Code', 'Name', 'Phone', 'Region']);
    const columnsX = await Promise.all([0, 1, 2, 3].map(async (i) => (await header.nth(i).boundingBox())!.x));
    const rows = page.getByRole('list', { name: 'Suppliers' }).getByRole('listitem');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < 8; i++) {
      const expected = supplierOf(i + 1);
      const cells = rows.nth(i).locator('[data-column]');
      expect(await cells.allTextContents()).toEqual([expected.code, expected.name, expected.phone, expected.region]);
      for (let c = 0; c < 4; c++)
        expect(Math.abs((await cells.nth(c).boundingBox())!.x - columnsX[c]!)).toBeLessThan(2);
    }
    await shot(page, 'first-day-suppliers');
  });

  it('a back-dated collection: the date defaults to now, says "not today" plainly, and the entry is dated then', async () => {
    const { page } = e;
    await page.keyboard.press('Control+2');
    await expect.poll(() => page.getByTestId('entry-date').textContent()).toContain('Dated now');
    const yesterday = new Date(Date.now() - 86_400_000);
    const day = `${yesterday.getFullYear()}-${String(yesterday.getMonth() + 1).padStart(2, '0')}-${String(yesterday.getDate()).padStart(2, '0')}`;
    await page.getByLabel('Date and time').fill(`${day}T07:30`);
    await expect
      .poll(() => page.getByTestId('entry-date').textContent())
      .toMatch(/^Back-dated: .* 07:30, not today\.$/);
    expect(await page.getByRole('form', { name: 'Collection entry' }).getAttribute('class')).toContain(
      'entry--backdated',
    );
    // Enter in the date moves on to the supplier; then the usual keyboard flow.
    await page.getByLabel('Date and time').press('Enter');
    expect(await focusedIs(page, 'Supplier')).toBe(true);
    await typeCollection(page, 'S-0002', '12.5', 't');
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/^Saved 12\.5 kg from S-0002: .* — dated .* 07:30$/);
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toMatch(/^Collections on /);
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('1 entry');
    const supplier = await core.suppliers.getByCode('S-0002');
    const [row] = (await core.collections.list({ supplier_uuid: supplier.uuid })).rows;
    expect(row!.collected_at).toBe(new Date(`${day}T07:30`).toISOString());
    await shot(page, 'first-day-backdated');
    // "Now" goes back to today.
    await page.getByRole('button', { name: 'Now' }).click();
    await expect.poll(() => page.getByTestId('entry-date').textContent()).toContain('Dated now');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Today’s collections');
  });

  it('payments by keyboard; a voided payment struck through with its reason; long references whole, on screen and paper', async () => {
    const { page } = e;
    await page.keyboard.press('Control+4');
    await expect.poll(() => focusedIs(page, 'Supplier')).toBe(true);
    await page.keyboard.type('S-0003');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedIs(page, 'Amount (USD)')).toBe(true);
    await page.keyboard.type('250.00');
    await page.getByLabel('Method').selectOption('mobile');
    await page.getByLabel('Reference').fill(LONG_REFERENCE);
    await page.getByLabel('Reference').press('Enter');
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe(`Paid ${money(25_000)} to S-0003 (${LONG_REFERENCE})`);
    await expect.poll(() => focusedIs(page, 'Supplier')).toBe(true);
    await page.keyboard.press('Enter'); // the supplier is still picked: on to Amount
    await expect.poll(() => focusedIs(page, 'Amount (USD)')).toBe(true);
    await page.keyboard.type('40.00');
    await page.getByLabel('Reference').fill('MPESA QK7H2L9XP2');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('table', { name: 'Payments' }).locator('tbody tr').count()).toBe(2);
    const second = page.getByRole('row', { name: /MPESA QK7H2L9XP2/ });
    await second.getByRole('button', { name: 'Void' }).click();
    await page.getByRole('dialog').getByLabel('Reason').fill('Entered twice by mistake');
    await page.getByRole('button', { name: 'Void payment' }).click();
    await expect.poll(() => second.locator('del').textContent()).toBe(money(4_000));
    expect(await second.textContent()).toContain('Void: Entered twice by mistake');

    // The ledger: the voided amount struck through beside its reason (not $0.00), quantities with their unit.
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: /S-0003/ }).click();
    const ledger = page.getByRole('table', { name: 'Ledger' });
    const voided = ledger.getByRole('row', { name: /MPESA QK7H2L9XP2/ });
    await expect.poll(() => voided.locator('del').textContent()).toBe(money(-4_000));
    expect(await voided.textContent()).toContain('VOID: Entered twice by mistake');
    expect(await voided.textContent()).not.toContain('$0.00');
    expect(await ledger.textContent()).toContain(LONG_REFERENCE);
    await shot(page, 'first-day-ledger');

    // The statement: the same, on paper, and the whole reference wrapped rather than cut.
    await page.getByRole('button', { name: 'Statement' }).click();
    const preview = page.frameLocator('iframe[title="Report preview"]');
    await expect.poll(() => preview.locator('body').textContent(), { timeout: 10_000 }).toContain('Closing balance');
    expect(await preview.locator('del').allTextContents()).toEqual([money(4_000)]);
    const paper = (await preview.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(paper).toMatch(/VOID: Entered twice by mistake/);
    expect(paper.replace(/\s/g, '')).toContain(LONG_REFERENCE.replace(/\s/g, ''));
    expect(paper).not.toContain('…');
    await shot(page, 'first-day-statement');
  });

  it('one message at a time, in words: a failed save replaces "Saved…", and no raw field names', async () => {
    const { page } = e;
    await page.keyboard.press('Control+2');
    await typeCollection(page, 'S-0004', '10', 't');
    const form = page.getByRole('form', { name: 'Collection entry' });
    await expect.poll(() => form.getByRole('status').count()).toBe(1);
    await typeCollection(page, 'S-0004', 'ten', 't');
    await expect.poll(() => form.getByRole('alert').first().textContent()).toBe('must be a number like 12.5');
    expect(await form.getByRole('status').count()).toBe(0);
    expect(await form.locator('.form-message').textContent()).toBe('Please correct the highlighted field.');

    await page.keyboard.press('Control+3');
    await page.keyboard.press('Control+n');
    const supplierForm = page.getByRole('form', { name: 'New supplier' });
    await supplierForm.getByLabel('Code').fill('S-0001');
    await supplierForm.getByLabel('Name').fill('Someone else');
    await supplierForm.getByRole('button', { name: 'Save supplier' }).click();
    await expect
      .poll(() => supplierForm.locator('.field--error .field__error').textContent())
      .toMatch(/^is already used by supplier "Grower number 1/);
    expect(await supplierForm.locator('.form-message').textContent()).toBe('Please correct the highlighted field.');
    expect(await supplierForm.textContent()).not.toContain('code:');
    await supplierForm.getByRole('button', { name: 'Cancel' }).click();
  });

  it('the dashboard totals each unit apart: kilograms and litres never add up', async () => {
    const { page } = e;
    await page.keyboard.press('Control+2');
    await typeCollection(page, 'S-0005', '3.5', 'm'); // the product list by keyboard: MILK
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved 3.5 l from S-0005');
    await page.keyboard.press('Control+1');
    await expect.poll(() => page.getByTestId('today-quantities').textContent()).toBe('2 entries · 10 kg · 3.5 l');
    expect(await page.getByTestId('today-collections').textContent()).not.toContain('units');
  });

  it('a clerk: Void shown disabled with the reason, no Conflicts menu, and "awaiting supervisor" on a held payment', async () => {
    const { page } = e;
    const supplier = await core.suppliers.getByCode('S-0006');
    const payment = await core.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 50_000,
      type: 'advance',
      method: 'cash',
    });
    await core.engine.sync('manual');
    // Another clerk's desk changes the payment first …
    const other = await createCore({
      filename: join(tmpdir(), `${e.db.name}-other.sqlite`),
      serverUrl: e.serverUrl,
      secrets: new MemorySecretStore(),
      engine: { setTimer: () => null, clearTimer: () => undefined },
    });
    try {
      await other.auth.login('clerk@example.com', PASSWORD);
      await other.engine.sync('manual');
      await page.getByRole('button', { name: 'Sign out' }).click();
      // Sign out sends this user's changes first: wait until it is done (the sign-in form is back).
      await page.getByLabel('Email').waitFor();
      await other.payments.update(payment.uuid, { amount_minor: 55_000 });
      expect((await other.engine.sync('manual')).outcome).toBe('success');
    } finally {
      await other.close();
    }
    // … while this desk, signed out and so not syncing, changed it too; the clerk signs in and it meets a conflict.
    core.setSession({ userId: 'clerk-on-this-desk', role: 'clerk' });
    await core.payments.update(payment.uuid, { amount_minor: 45_000 });
    await page.getByLabel('Email').fill('clerk@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Today,/ }).waitFor();
    await expect.poll(async () => (await core.conflicts.list('open')).length, { timeout: 15_000 }).toBe(1);

    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('button').allTextContents()).not.toContain('Conflicts');
    await page.keyboard.press('Control+9');
    expect(await page.getByRole('heading', { name: 'Conflicts' }).count()).toBe(0);
    await page.keyboard.press('Control+4');
    await page.getByRole('combobox', { name: 'Supplier' }).fill('S-0006');
    await page.getByRole('option', { name: /S-0006/ }).click();
    const row = page.getByRole('table', { name: 'Payments' }).locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('awaiting supervisor');
    const voidButton = row.getByRole('button', { name: 'Void' });
    expect(await voidButton.isDisabled()).toBe(true);
    expect(await row.textContent()).toContain('supervisors void payments');
    const describedBy = (await voidButton.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('supervisors void payments');
    await shot(page, 'first-day-clerk');
  });
});
