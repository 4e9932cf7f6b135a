import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, connectAs, startE2E, setUpLocally } from './office';

const ORG = 'Africa/Nairobi';

/**
 * Records are read on the office's clock, whatever the computer's: a desk in an office in Nairobi whose computer
 * is set to Los Angeles shows a collection at the time the clerk typed and the slip says, not 11 hours earlier.
 */
describe('record times on the office’s clock', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  beforeAll(async () => {
    e = await startE2E({ orgTimeZone: ORG, browserTimeZone: 'America/Los_Angeles' });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('the collections table shows the time on the org’s clock', async () => {
    const { page, host } = e;
    await page.getByRole('heading', { name: 'Welcome to CollectPay' }).waitFor();
    await connectAs(page, 'supervisor@example.com');
    const core = host.core;
    const supplier = await core.suppliers.create({ code: 'S-0200', name: 'Kibet Too' });
    const tea = await core.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await core.rates.set({ product_uuid: tea.uuid, rate_minor: 2450, effective_from: '2026-01-01' });
    const row = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: tea.uuid,
      gross_weight_milli: 21_700,
    });
    const onOrgClock = (timeZone: string) =>
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
        new Date(row.collected_at),
      );

    await page.keyboard.press('Control+2');
    const table = page.getByRole('table', { name: "Today's collections" });
    const time = table.locator('tbody tr').first().locator('td').first();
    await expect.poll(() => time.textContent()).toBe(onOrgClock(ORG));
    expect(onOrgClock(ORG)).not.toBe(onOrgClock('America/Los_Angeles'));
  });

  it('dates a form proposes are today on the org’s clock, not on UTC', async () => {
    const { page } = e;
    // 22:30 UTC on 29 November is 01:30 on 30 November in Nairobi (and 14:30 on the 29th in Los Angeles).
    await page.clock.setFixedTime(new Date('2026-11-29T22:30:00Z'));
    await page.keyboard.press('Control+8');
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    await expect.poll(() => page.getByLabel('Date', { exact: true }).inputValue()).toBe('2026-11-30');
    await page.keyboard.press('Control+5');
    await page.getByRole('table', { name: 'Products' }).waitFor();
    await page.getByRole('button', { name: 'Set rate' }).first().click();
    await expect.poll(() => page.getByLabel('Effective from').inputValue()).toBe('2026-11-30');
  });
});

/**
 * The clock is the server's, not the host's: a desk set up on this computer only (on the host's zone, UTC here)
 * that joins a Nairobi office from Settings reads its records on Nairobi's clock from then on.
 */
describe('a desk that joins the office from Settings', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  beforeAll(async () => {
    e = await startE2E({ orgTimeZone: ORG, browserTimeZone: 'America/Los_Angeles' });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('shows record times on the host’s zone before joining and on the office’s after', async () => {
    const { page, host } = e;
    await setUpLocally(page);
    const core = host.core;
    const supplier = await core.suppliers.create({ code: 'S-0300', name: 'Rono Kiprop' });
    const tea = await core.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await core.rates.set({ product_uuid: tea.uuid, rate_minor: 2450, effective_from: '2026-01-01' });
    const row = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: tea.uuid,
      quantity_milli: 9_000,
    });
    const onClock = (timeZone: string) =>
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
        new Date(row.collected_at),
      );
    await page.keyboard.press('Control+2');
    const time = page
      .getByRole('table', { name: "Today's collections" })
      .locator('tbody tr')
      .first()
      .locator('td')
      .first();
    await expect.poll(() => time.textContent()).toBe(onClock('UTC'));

    await page.keyboard.press('Control+7');
    const connect = page.getByRole('form', { name: 'Connect to server' });
    await connect.getByLabel('Server address').fill(e.serverUrl);
    await connect.getByLabel('Email').fill('supervisor@example.com');
    await connect.getByLabel('Password').fill(PASSWORD);
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toContain('Connected');
    expect(core.ctx.orgTimeZone).toBe(ORG);
    await page.keyboard.press('Control+2');
    await expect.poll(() => time.textContent()).toBe(onClock(ORG));
    expect(onClock(ORG)).not.toBe(onClock('UTC'));
  });
});
