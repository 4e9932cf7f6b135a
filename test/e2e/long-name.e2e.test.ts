import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, startE2E } from './office';

/** Names as long as the schema allows still leave every action on screen. */
describe('a very long supplier name', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('wraps in the heading; Edit, Record payment, Statement and Back stay within the window', async () => {
    const { page, host } = e;
    await page.getByRole('heading', { name: 'Welcome to CollectPay' }).waitFor();
    await connectAs(page, 'supervisor@example.com');
    const name = 'Chepkoech'.repeat(12);
    await host.core.suppliers.create({ code: 'S-0300', name });
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: /S-0300/ }).click();
    await page.getByRole('heading', { name: new RegExp(`S-0300 — ${name}`) }).waitFor();
    const width = page.viewportSize()!.width;
    for (const label of ['Edit', 'Record payment', 'Statement', 'Back to list']) {
      const box = (await page.getByRole('button', { name: label, exact: true }).boundingBox())!;
      expect(box.x + box.width, label).toBeLessThanOrEqual(width);
    }
  });
});
