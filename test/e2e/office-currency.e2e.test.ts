import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startE2E, setUpLocally } from './office';

/**
 * The currency is the office's once the desk joins (amounts are minor units of it on every desk); before that, on a
 * desk with records, changing it asks first, since no amount is converted.
 */
describe('the currency setting', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  beforeAll(async () => {
    e = await startE2E({ orgCurrency: 'KES' });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('asks before re-labelling a local desk’s amounts, refuses an unknown code, and is the office’s once joined', async () => {
    const { page, host } = e;
    await setUpLocally(page);
    const core = host.core;
    const supplier = await core.suppliers.create({ code: 'S-0400', name: 'Wambui Kamau' });
    const tea = await core.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await core.rates.set({ product_uuid: tea.uuid, rate_minor: 2450, effective_from: '2026-01-01' });
    await core.collections.create({ supplier_uuid: supplier.uuid, product_uuid: tea.uuid, quantity_milli: 12_500 });

    await page.keyboard.press('Control+7');
    const form = page.getByRole('form', { name: 'Settings' });
    const currency = form.getByLabel('Currency', { exact: true });
    const field = form.locator('.field', { has: page.getByLabel('Currency', { exact: true }) });
    await currency.fill('XYZ');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => field.locator('.field__error').textContent())
      .toBe('is not a currency code (such as KES, USD or EUR)');

    await currency.fill('JPY');
    await form.getByRole('button', { name: 'Save settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the currency to JPY?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await host.manager.api()['settings.get']({})).currency).toBe('USD');

    await form.getByRole('button', { name: 'Save settings' }).click();
    await dialog.getByRole('button', { name: 'Use JPY' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Settings saved.');
    expect((await host.manager.api()['settings.get']({})).currency).toBe('JPY');

    const connect = page.getByRole('form', { name: 'Connect to server' });
    await connect.getByLabel('Server address').fill(e.serverUrl);
    await connect.getByLabel('Email').fill('supervisor@example.com');
    await connect.getByLabel('Password').fill(PASSWORD);
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toContain('Connected');
    await expect.poll(() => currency.inputValue()).toBe('KES');
    expect(await currency.getAttribute('readonly')).not.toBeNull();
    await expect
      .poll(() => field.locator('.field__hint').textContent())
      .toMatch(/^The office's currency, set on the server/);
  });
});
