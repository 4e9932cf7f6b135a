import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeaAndMilk, connectAs, startE2E, startEntry, typeMilkCansAndReadings } from './office';

/**
 * The product's rule fields come with its terms, over IPC. The test host holds that answer, and the clerk types on
 * right after picking the product: nothing may land in the fields of the product picked before, and the keys go on
 * into the new product's fields once its terms are in.
 */
describe('collection entry while the product’s terms are on their way', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('never types into the previous product’s fields, and ignores a stale answer', async () => {
    const { page, host } = e;
    const focused = () => page.evaluate(() => document.activeElement?.id);
    const count = (selector: string) => () => page.locator(selector).count();
    await page.getByRole('heading', { name: 'Welcome to CollectPay' }).waitFor();
    await connectAs(page, 'supervisor@example.com');
    const core = host.core;
    const { tea, milk } = await addTeaAndMilk(core);

    await startEntry(page, 'S-0101', tea.uuid);
    await expect.poll(count('#entry-container-ROPE')).toBe(1);

    // Milk picked while its terms are held: the clerk types the weight, Enter, a can count, at once.
    let release = host.hold('collections.terms');
    await page.getByLabel('Product').selectOption(milk.uuid);
    await page.keyboard.press('Enter');
    await page.keyboard.type('24.7');
    await page.keyboard.press('Enter');
    await page.keyboard.type('1');
    await expect.poll(count('#entry-container-ROPE')).toBe(0);
    await expect.poll(() => page.getByTestId('terms-loading').textContent()).toContain('MILK');
    await expect.poll(() => page.locator('#entry-quantity').inputValue()).toBe('24.7');
    release();
    // The terms in, Enter goes on where it was pressed: to milk's first can, empty.
    await expect.poll(focused).toBe('entry-container-CAN-7');
    expect(await page.locator('#entry-container-CAN-7').inputValue()).toBe('');
    expect(await page.getByTestId('terms-loading').count()).toBe(0);
    await typeMilkCansAndReadings(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('1 entry');
    expect((await core.collections.list({})).rows[0]).toMatchObject({
      product_uuid: milk.uuid,
      gross_weight_milli: 24_700,
      quantity_milli: 22_350,
      readings: '{"fat":375,"snf":860}',
    });

    // An answer for a product no longer picked (milk, then tea again) changes nothing.
    await page.keyboard.type('S-0101');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('entry-product');
    release = host.hold('collections.terms');
    await page.getByLabel('Product').selectOption(tea.uuid);
    await page.getByLabel('Product').selectOption(milk.uuid);
    await page.getByLabel('Product').selectOption(tea.uuid);
    release();
    await expect.poll(count('#entry-container-ROPE')).toBe(1);
    expect(await page.locator('#entry-container-CAN-7').count()).toBe(0);
  });
});
