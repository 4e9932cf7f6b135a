import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, startE2E, typeCollection } from './office';

/** An office on London's clock: 29 March 2025 has no 01:00–01:59, the clocks go forward at 01:00 GMT. */
describe('a time typed in the hour the clocks skip', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  beforeAll(async () => {
    e = await startE2E({ orgTimeZone: 'Europe/London' });
    await connectAs(e.page, 'supervisor@example.com');
    const { core } = e.host;
    const tea = await core.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await core.rates.set({ product_uuid: tea.uuid, rate_minor: 2450, effective_from: '2025-01-01' });
    await core.suppliers.create({ code: 'S-0001', name: 'Chebet', region: 'Kericho' });
  });
  afterAll(async () => e?.close());

  it('is refused beside the field, saving nothing; an hour that exists is taken', async () => {
    const { page, host } = e;
    await page.keyboard.press('Control+2');
    const when = page.getByLabel('Date and time');
    const field = page.locator('.field', { has: when });
    await when.fill('2025-03-30T01:30');
    await expect
      .poll(() => field.getByRole('alert').textContent())
      .toBe('That time does not exist on 2025-03-30 (clocks go forward)');
    await when.press('Enter');
    await typeCollection(page, 'S-0001', '12.5');
    const form = page.getByRole('form', { name: 'Collection entry' });
    await expect.poll(() => form.locator('.form-message').textContent()).toBe('Please correct the highlighted field.');
    expect((await host.core.collections.list({})).rows).toEqual([]);

    await when.fill('2025-03-30T02:30');
    await expect.poll(() => field.getByRole('alert').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('entry-date').textContent())
      .toMatch(/^Back-dated: .* 02:30, not today\.$/);
  });
});
