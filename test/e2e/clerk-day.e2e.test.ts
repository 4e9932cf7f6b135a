import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountMinor, formatMoney } from '../../shared';
import { PASSWORD, shot, startE2E, typeCollection } from './office';
const money = (minor: number) => formatMoney(minor, { currency: 'USD', locale: 'en-US' });

/** A clerk's day through the real UI, keyboard first, including an outage of the office server. */
describe('the desktop UI end to end (Chromium → test host → core → server → MariaDB)', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('signs in, sets up, records 20 collections by keyboard, pays, voids, works offline and syncs back', async () => {
    const { page } = e;
    const statusBar = page.locator('footer.status-bar');

    // First run from an empty data directory: connect to the office server (a wrong password first).
    await page.getByRole('heading', { name: 'Welcome to CollectPay' }).waitFor();
    await shot(page, '00-first-run');
    await page.getByRole('button', { name: 'Connect…' }).click();
    const connect = page.getByRole('form', { name: 'Connect to server' });
    await connect.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => page.getByTestId('connection-test').textContent())
      .toContain('Connected: this is a CollectPay server');
    await connect.getByLabel('Email').fill('supervisor@example.com');
    await connect.getByLabel('Password').fill('wrong password');
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect
      .poll(() => connect.getByRole('alert').first().textContent())
      .toContain('The email or password is wrong');
    await shot(page, '01-login');
    await connect.getByLabel('Password').fill(PASSWORD);
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('heading', { name: /^Today,/ }).waitFor();

    // Products & rates.
    await page.keyboard.press('Control+5');
    await page.getByLabel('Code').fill('TEA');
    await page.getByLabel('Name').fill('Green tea leaf');
    await page.getByLabel('Unit').fill('kg');
    await page.getByRole('button', { name: 'Add product' }).click();
    await page.getByRole('button', { name: 'Set rate' }).click();
    await page.getByLabel('Rate (USD)').fill('32.75');
    await page.getByLabel('Effective from').fill('2026-01-01');
    await page.getByRole('button', { name: 'Save rate' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Products' }).textContent()).toContain('$32.75');
    await shot(page, '05-products');

    // A supplier, with a validation error shown beside its field first.
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: /New supplier/ }).click();
    const form = page.getByRole('form', { name: 'New supplier' });
    await form.getByLabel('Code').fill('S-0001');
    await form.getByRole('button', { name: 'Save supplier' }).click();
    const nameError = form.locator('.field--error', { has: page.getByLabel('Name') }).locator('.field__error');
    await expect.poll(() => nameError.textContent()).toBe('is required');
    await shot(page, '03-supplier-validation');
    await form.getByLabel('Name').fill('Amina Njeri');
    await form.getByLabel('Phone').fill('0722 000 111');
    await form.getByRole('button', { name: 'Save supplier' }).click();
    await page.getByRole('heading', { name: 'S-0001 — Amina Njeri' }).waitFor();

    // Twenty collections, keyboard only: code, Enter, quantity, Enter.
    await page.keyboard.press('Control+2');
    await page.getByRole('heading', { name: 'Record collections' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    let expected = 0;
    for (let i = 1; i <= 20; i++) {
      const quantity = `${10 + i}.${i % 10}`;
      await typeCollection(page, 'S-0001', quantity);
      expected += amountMinor(Math.round(Number(quantity) * 1000), 3275);
      await expect.poll(() => page.getByTestId('today-count').textContent()).toBe(i === 1 ? '1 entry' : `${i} entries`);
    }
    await expect.poll(() => page.getByTestId('today-total').textContent()).toBe(money(expected));
    await shot(page, '02-collection-entry');

    // Pay, see the balance change, then void the payment (with confirmation and a reason).
    await page.keyboard.press('Control+4');
    await page.getByRole('combobox', { name: 'Supplier' }).fill('S-0001');
    await page.getByRole('option', { name: /S-0001/ }).click();
    await expect
      .poll(() => page.getByTestId('balance-preview').textContent())
      .toContain(`Balance before: ${money(expected)}`);
    await page.getByLabel('Amount (USD)').fill('100.00');
    await expect
      .poll(() => page.getByTestId('balance-preview').textContent())
      .toContain(`after: ${money(expected - 10000)}`);
    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect
      .poll(() => page.getByTestId('balance-preview').textContent())
      .toContain(`Balance before: ${money(expected - 10000)}`);
    await shot(page, '04-payments');
    await page.getByRole('button', { name: 'Void' }).click();
    await page.getByRole('dialog').getByLabel('Reason').fill('Paid to the wrong supplier');
    // The dialog holds the keyboard: Tab and Shift+Tab go round its own fields, never to the screen behind.
    const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await inDialog()).toBe(true);
    }
    await page.getByRole('dialog').getByLabel('Reason').focus();
    await shot(page, '04b-void-confirm');
    await page.getByRole('button', { name: 'Void payment' }).click();
    await expect
      .poll(() => page.getByTestId('balance-preview').textContent())
      .toContain(`Balance before: ${money(expected)}`);
    await expect
      .poll(() => page.getByRole('table', { name: 'Payments' }).textContent())
      .toContain('Void: Paid to the wrong supplier');

    // Supplier detail: ledger and balance.
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: /S-0001/ }).click();
    await expect.poll(() => page.getByTestId('supplier-balance').textContent()).toBe(money(expected));
    await shot(page, '03b-supplier-detail');

    // Statement preview from the supplier screen, then Save as PDF.
    await page.getByRole('button', { name: 'Statement' }).click();
    const preview = page.frameLocator('iframe[title="Report preview"]');
    await expect.poll(() => preview.locator('body').textContent(), { timeout: 10_000 }).toContain('Closing balance');
    expect(await preview.locator('body').textContent()).toContain(money(expected));
    await expect.poll(() => page.getByTestId('report-pages').textContent()).toContain('Supplier statement: 1 page');
    await shot(page, '09-report-preview');
    // In a browser the PDF arrives as a download, not as a file somewhere on the desk's computer.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save as PDF…' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^statement-S-0001-.*\.pdf$/);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Downloading statement-S-0001.*\.pdf/);
    await page.getByRole('button', { name: /S-0001/ }).count();
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: /S-0001/ }).click();
    await page.keyboard.press('Control+3');
    await shot(page, '03-suppliers');

    // Let everything sync, then take the office server away and keep working.
    await page.keyboard.press('F5');
    await expect.poll(() => statusBar.textContent(), { timeout: 15_000 }).toMatch(/Synced.*0 pending/);
    // Nothing is written: the status bar still says "Offline" within 5 seconds of the server stopping.
    await e.stopServer();
    const stoppedAt = Date.now();
    await expect.poll(() => page.getByTestId('sync-state').textContent(), { timeout: 5_000 }).toBe('Offline');
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    await page.keyboard.press('Control+2');
    await typeCollection(page, 'S-0001', '7.5');
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('21 entries');
    await expect.poll(() => statusBar.textContent(), { timeout: 15_000 }).toMatch(/Offline/);
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 pending');
    await shot(page, '06-offline');

    // The server comes back: the status bar goes from pending to synced.
    await e.startServer();
    await page.keyboard.press('F5');
    await expect.poll(() => statusBar.textContent(), { timeout: 20_000 }).toMatch(/Synced.*0 pending/);
    const onServer = await e.db.db
      .selectFrom('collections')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(onServer.n)).toBe(21);

    await page.keyboard.press('Control+6');
    await page.getByRole('heading', { name: 'Log' }).waitFor();
    await shot(page, '07-sync');
    // The Sync screen keeps up while it is open: its state and its log follow each run.
    const state = page.getByTestId('sync-screen-state');
    const lastRun = page.getByRole('table', { name: 'Sync log' }).locator('tbody tr').first();
    await expect.poll(() => state.textContent()).toBe('Synced');
    await e.stopServer();
    await page.keyboard.press('F5');
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe('Offline');
    await expect.poll(() => lastRun.textContent()).toContain('error');
    await e.startServer();
    await page.keyboard.press('F5');
    await expect.poll(() => state.textContent(), { timeout: 20_000 }).toBe('Synced');
    await expect.poll(() => lastRun.textContent()).toContain('success');
    await page.keyboard.press('Control+7');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await shot(page, '08-settings');
    await page.keyboard.press('Control+1');
    await expect.poll(() => page.getByTestId('today-collections').textContent()).toContain('21 entries');
    await shot(page, '00-dashboard');
  });
});
