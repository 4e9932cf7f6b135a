import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, startE2E, typeCollection } from './office';

/** What a new user's trial met: a bad locale, errors far from their fields, changes named by their tables. */
describe('plain words for a new user', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  beforeAll(async () => {
    e = await startE2E();
    await connectAs(e.page, 'supervisor@example.com');
    const core = e.host.core;
    const tea = await core.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await core.rates.set({ product_uuid: tea.uuid, rate_minor: 2450, effective_from: '2026-01-01' });
    await core.suppliers.create({ code: 'S-0004', name: 'Wanjiru Kamau' });
    await core.engine.sync('manual');
  });
  afterAll(async () => e?.close());

  it('a locale Intl cannot use is refused beside the field and never saved; the app keeps working', async () => {
    const { page } = e;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.keyboard.press('Control+7');
    const form = page.getByRole('form', { name: 'Settings' });
    await form.getByLabel('Locale').fill('xx_INVALID!!');
    await form.getByRole('button', { name: 'Save settings' }).click();
    const field = form.locator('.field--error', { has: page.getByLabel('Locale') }).locator('.field__error');
    await expect.poll(() => field.textContent()).toBe('not a valid language tag');
    const file = join(e.dataDir, 'settings.json');
    const saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    expect(saved.locale).not.toBe('xx_INVALID!!');

    // A settings file that already holds one (saved before the check) opens with en-US instead of a blank page.
    writeFileSync(file, JSON.stringify({ ...saved, locale: 'xx_INVALID!!' }));
    await page.reload();
    await page.getByRole('heading', { name: /^Today,/ }).waitFor();
    await page.keyboard.press('Control+7');
    await expect
      .poll(() => page.getByRole('form', { name: 'Settings' }).getByLabel('Locale').inputValue())
      .toBe('en-US');
    expect(errors).toEqual([]);
  });

  it('a refused payout number is shown beside its field, in words', async () => {
    const { page } = e;
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: /S-0004/ }).click();
    await page.getByRole('button', { name: 'Edit payout details' }).click();
    const form = page.getByRole('form', { name: 'Payout details' });
    await form.getByLabel('Paid by').selectOption('mobile');
    await form.getByLabel('Mobile-money number').fill('0712 345 678');
    await form.getByRole('button', { name: 'Save payout details' }).click();
    const field = form
      .locator('.field--error', { has: page.getByLabel('Mobile-money number') })
      .locator('.field__error');
    await expect.poll(() => field.textContent()).toMatch(/^must be in international format/);
    expect(await form.locator('.form-message').textContent()).toBe('Please correct the highlighted field.');
    expect(await form.textContent()).not.toMatch(/patch|mobile_phone|mobile phone/i);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('the Sync screen names a waiting change as people read it', async () => {
    const { page } = e;
    await e.stopServer();
    await expect.poll(() => page.getByTestId('sync-state').textContent(), { timeout: 15_000 }).toBe('Offline');
    await page.keyboard.press('Control+2');
    await typeCollection(page, 'S-0004', '25.4');
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 pending');
    await page.keyboard.press('Control+6');
    const waiting = page.getByRole('list', { name: 'Waiting to send' });
    // The supplier's name arrives a moment after the list (looked up by its uuid).
    await expect
      .poll(() => waiting.textContent())
      .toMatch(/New collection · .* · Wanjiru Kamau \(S-0004\) · Green tea leaf \(TEA\) · 25\.4 kg/);
    expect(await waiting.textContent()).not.toMatch(/create collections/);
    await e.startServer();
  });
});
