import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, shot, startE2E, typeCollection } from './office';

/** The three ways in, each from an empty data directory. (Connecting to a server is in clerk-day.) */
describe('first run', () => {
  let e: Awaited<ReturnType<typeof startE2E>> | undefined;
  afterEach(async () => {
    await e?.close();
    e = undefined;
  });

  it('"Use on this computer only": a local administrator, full work offline, and connecting later pushes it all', async () => {
    e = await startE2E();
    const { page } = e;
    await page.getByRole('button', { name: 'Set up this computer…' }).click();
    const form = page.getByRole('form', { name: 'Create local administrator' });
    await form.getByLabel('Your name').fill('Grace Owner');
    await form.getByLabel('Email').fill('grace@example.com');
    await form.getByLabel('Password', { exact: true }).fill('a long secret');
    await form.getByLabel('Confirm password').fill('a different one');
    await form.getByRole('button', { name: /Create administrator/ }).click();
    await expect
      .poll(() => form.locator('.field--error .field__error').textContent())
      .toBe('does not match the password');
    await form.getByLabel('Confirm password').fill('a long secret');
    await form.getByRole('button', { name: /Create administrator/ }).click();
    await page.getByRole('heading', { name: /^Today,/ }).waitFor();

    // Everything works with no server: products, rates, suppliers, collections.
    await page.keyboard.press('Control+5');
    await page.getByLabel('Code').fill('TEA');
    await page.getByLabel('Name').fill('Tea leaf');
    await page.getByRole('button', { name: 'Add product' }).click();
    await page.getByRole('button', { name: 'Set rate' }).click();
    await page.getByLabel('Rate (USD)').fill('30.00');
    await page.getByLabel('Effective from').fill('2026-01-01');
    await page.getByRole('button', { name: 'Save rate' }).click();
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: /New supplier/ }).click();
    await page.getByLabel('Code').fill('S-0007');
    await page.getByLabel('Name').fill('Local Only');
    await page.getByRole('button', { name: 'Save supplier' }).click();
    await page.getByRole('heading', { name: 'S-0007 — Local Only' }).waitFor();
    await page.keyboard.press('Control+2');
    await typeCollection(page, 'S-0007', '10');
    await expect.poll(() => page.getByTestId('today-total').textContent()).toBe('$300.00');
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('4 pending');

    // Later the office gets a server: Settings → Connect.
    await page.keyboard.press('Control+7');
    const connect = page.getByRole('form', { name: 'Connect to server' });
    await connect.getByLabel('Server address').fill(e.serverUrl);
    await connect.getByLabel('Email').fill('supervisor@example.com');
    await connect.getByLabel('Password').fill(PASSWORD);
    await shot(page, '11-connect-later');
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toContain('Connected: sent 4');
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('0 pending');
    const onServer = await e.db.db.selectFrom('collections').selectAll().execute();
    expect(onServer).toHaveLength(1);
    expect(onServer[0]).toMatchObject({ amount_minor: 30000 });
  });

  it('"Explore with demo data": a marked demo, and "Leave demo" leaves no demo row behind', async () => {
    e = await startE2E();
    const { page } = e;
    await page.getByRole('button', { name: 'Explore the demo' }).click();
    await page.getByTestId('demo-banner').waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: /^Today,/ }).waitFor();
    // The demo's records never go anywhere: no count of them "pending".
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('Demo: nothing is sent');
    await page.keyboard.press('Control+3');
    await expect.poll(() => page.getByTestId('supplier-count').textContent()).toBe('40 suppliers');
    await page.getByRole('button', { name: /S-0001/ }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Ledger' }).locator('tbody tr').count())
      .toBeGreaterThan(30);
    await shot(page, '12-demo');
    expect(e.host.manager.demoFileExists()).toBe(true);

    // Leaving deletes the demo database, so it asks first; Cancel keeps it.
    await page.getByRole('button', { name: 'Leave demo' }).click();
    const ask = page.getByRole('dialog', { name: 'Leave the demo?' });
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => ask.count()).toBe(0);
    expect(e.host.manager.demoFileExists()).toBe(true);
    await page.getByTestId('demo-banner').waitFor();
    await page.getByRole('button', { name: 'Leave demo' }).click();
    await ask.getByRole('button', { name: 'Delete demo data and leave' }).click();
    await page.getByRole('heading', { name: 'Welcome to CollectPay' }).waitFor();
    expect(e.host.manager.demoFileExists()).toBe(false);
    const main = e.host.core;
    for (const table of [
      'suppliers',
      'products',
      'product_rates',
      'collections',
      'payments',
      'outbox',
      'audit',
    ] as const) {
      const { n } = await main.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect({ table, n: Number(n) }).toEqual({ table, n: 0 });
    }
  });
});
