import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, startE2E } from './office';

/** Yesterday's payment slips are entered with their own date, typed on the office's clock. */
describe('a back-dated payment', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  beforeAll(async () => {
    e = await startE2E({ orgTimeZone: 'Africa/Nairobi' });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('is dated as typed on the org’s clock, and the form says so', async () => {
    const { page, host } = e;
    await page.getByRole('heading', { name: 'Welcome to CollectPay' }).waitFor();
    await connectAs(page, 'supervisor@example.com');
    const supplier = await host.core.suppliers.create({ code: 'S-0400', name: 'Jepkoech Odhiambo' });
    await page.keyboard.press('Control+4');
    await page.getByRole('heading', { name: 'Payments', exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('payment-date').textContent()).toContain('Dated now');

    await page.getByLabel('Date and time').fill('2026-11-20T14:30');
    await expect.poll(() => page.getByTestId('payment-date').textContent()).toContain('Back-dated');
    await page.getByLabel('Date and time').press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.keyboard.type('S-0400');
    await page.getByRole('option', { name: /S-0400/ }).click();
    await page.getByLabel(/^Amount/).fill('750');
    await page.getByLabel(/^Amount/).press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('dated');
    const rows = (await host.core.payments.list({ supplier_uuid: supplier.uuid })).rows;
    expect(rows).toHaveLength(1);
    // 14:30 in Nairobi (UTC+3) is 11:30 UTC.
    expect(rows[0]).toMatchObject({ amount_minor: 75_000, paid_at: '2026-11-20T11:30:00.000Z' });

    // A date the server would refuse is refused here, beside the field, and nothing more is saved.
    await page.getByLabel('Date and time').fill('1999-11-20T14:30');
    await page.getByLabel(/^Amount/).fill('750');
    await page.getByLabel(/^Amount/).press('Enter');
    await expect
      .poll(() => page.locator('.field--error .field__error').first().textContent())
      .toMatch(/^must fall between 2000-01-01/);
    expect((await host.core.payments.list({ supplier_uuid: supplier.uuid })).rows).toHaveLength(1);
  });
});
