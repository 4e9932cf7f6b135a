import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, startE2E, typeCollection } from './office';

/** The trial: a supervisor approved NOV-A on this desk, then recorded a collection dated inside it. */
describe('a collection dated in a period an approved run closed', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  beforeAll(async () => {
    e = await startE2E({ orgTimeZone: 'Africa/Nairobi' });
    await connectAs(e.page, 'supervisor@example.com');
    const { core } = e.host;
    const tea = await core.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await core.rates.set({ product_uuid: tea.uuid, rate_minor: 3_000, effective_from: '2026-01-01' });
    const amina = await core.suppliers.create({ code: 'S-0001', name: 'Amina Njeri', region: 'Litein' });
    await core.collections.create({
      supplier_uuid: amina.uuid,
      product_uuid: tea.uuid,
      quantity_milli: 12_000,
      collected_at: '2026-11-03T05:00:00.000Z',
    });
    expect((await core.engine.sync('manual')).outcome).toBe('success');
    await core.settlements.create({ period_from: '2026-11-01', period_to: '2026-11-28', code: 'NOV-A' });
    await core.settlements.approve('NOV-A');
  });
  afterAll(async () => e?.close());

  it('is refused beside the date field, naming the run and its period, and nothing is saved', async () => {
    const { page, host } = e;
    const before = await host.core.collections.list({});
    await page.keyboard.press('Control+2');
    const when = page.getByLabel('Date and time');
    const field = page.locator('.field', { has: when });
    await when.fill('2026-11-20T08:00');
    await when.press('Enter');
    await typeCollection(page, 'S-0001', '3');
    await expect
      .poll(() => field.getByRole('alert').textContent())
      .toBe('is in the period closed by settlement run NOV-A (2026-11-01 to 2026-11-28)');
    const form = page.getByRole('form', { name: 'Collection entry' });
    await expect.poll(() => form.locator('.form-message').textContent()).toBe('Please correct the highlighted field.');
    expect(await host.core.collections.list({})).toEqual(before);
    expect(await host.core.outbox.needsAttention()).toEqual([]);

    // A new date is judged afresh: the refusal of the old one goes.
    await when.fill('2026-11-29T08:00');
    await expect.poll(() => field.getByRole('alert').count()).toBe(0);
  });
});
