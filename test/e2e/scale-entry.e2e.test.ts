import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playScale } from '../../app/main/serial/scale-simulator';
import { VirtualScale } from '../../app/main/serial/virtual-scale';
import { addTeaAndMilk, connectAs, shot, startE2E, startEntry, typeMilkCansAndReadings } from './office';

/**
 * The live scale on the entry screen, for real: socat links two pseudo-terminals, the scale simulator plays
 * deliveries on one end (loading, settling, steady, off, with line noise), and the test host's REAL serialport
 * adapter reads the other, set up through the Settings screen. Chromium shows the live weight; Enter takes the
 * steady one. Tea is priced by grade less its sacks, milk by a fat × SNF chart with a typed weight, and both
 * show on the statement and the daily summary (the typed weight flagged).
 */
describe('collection entry with a live serial scale (pty → serialport → core → Chromium)', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  const scale = new VirtualScale();
  const playing = new AbortController();
  beforeAll(async () => {
    await scale.start();
    void playScale(scale, 'st-gs', 'kg', [42_500], playing.signal);
    e = await startE2E();
  });
  afterAll(async () => {
    playing.abort();
    await e?.close();
    await scale.dispose();
  });

  it('shows the live weight, takes the stable one with Enter, and flags a typed weight', async () => {
    const { page, host } = e;
    const focused = () => page.evaluate(() => document.activeElement?.id);
    await page.getByRole('heading', { name: 'Welcome to CollectPay' }).waitFor();
    await connectAs(page, 'supervisor@example.com');

    // A tea rule by grade and a milk rule by chart, made through the core as the signed-in supervisor.
    const core = host.core;
    const { supplier, tea, milk } = await addTeaAndMilk(core);

    // The scale, set up on the Settings screen: the pty's desk end as its port.
    await page.keyboard.press('Control+7');
    const form = page.getByRole('form', { name: 'Scale' });
    await form.getByLabel(/This desk has a scale/).check();
    await form.getByLabel('Port', { exact: true }).fill(scale.deskPath);
    await form.getByLabel('Output format').selectOption('st-gs');
    await form.getByRole('button', { name: 'Save scale settings' }).click();
    await expect
      .poll(() => form.getByTestId('scale-state').textContent(), { timeout: 15_000 })
      .toMatch(/Stable|Unstable/);
    await shot(page, 'collection-entry-scale-settings');

    // Tea from the scale: the live weight, an unsteady weight refused, the steady one taken with Enter.
    await startEntry(page, 'S-0101', tea.uuid);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('entry-quantity');
    await expect.poll(() => page.getByText('Gross weight (kg)').count()).toBe(1);
    const state = page.getByTestId('scale-state');
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe('Unstable');
    await page.keyboard.press('F2');
    const weightError = page.locator('.field--error', { has: page.getByLabel('Gross weight (kg)') });
    await expect.poll(() => weightError.textContent()).toMatch(/not steady|reads nothing/);
    await expect.poll(() => page.getByLabel('Gross weight (kg)').inputValue()).toBe('');
    await shot(page, 'collection-entry-unstable');
    await expect.poll(() => page.getByTestId('live-weight').textContent(), { timeout: 15_000 }).toBe('42.500 kg');
    await expect.poll(() => state.textContent()).toBe('Stable');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Gross weight (kg)').inputValue()).toBe('42.500');
    await expect.poll(() => page.getByTestId('weight-source').textContent()).toBe('From the scale');
    // Enter walks the sacks, then the grade; the preview prices as the core will.
    await expect.poll(focused).toBe('entry-container-ROPE');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('entry-grade');
    await page.getByLabel('Grade').selectOption('A');
    await expect.poll(() => page.getByTestId('quote').textContent()).toContain('Amount $972.00');
    await shot(page, 'collection-entry-tea-by-grade');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('1 entry');
    await expect.poll(focused).toBe(await page.getByRole('combobox').first().getAttribute('id'));

    // Milk with a typed weight, by the chart: fat and SNF readings, one can.
    await page.keyboard.type('S-0101');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('entry-product');
    await page.getByLabel('Product').selectOption(milk.uuid);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('entry-quantity');
    await page.keyboard.type('24.7');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('entry-container-CAN-7');
    await typeMilkCansAndReadings(page);
    await expect.poll(() => page.getByTestId('weight-source').textContent()).toBe('Typed');
    await shot(page, 'collection-entry-milk-by-chart');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('2 entries');

    // A second tea delivery in the same shift is refused until the clerk confirms it.
    await page.keyboard.type('S-0101');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('entry-product');
    await page.getByLabel('Product').selectOption(tea.uuid);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('entry-quantity');
    await page.keyboard.type('10');
    await page.getByLabel('Grade').selectOption('B');
    await page.getByRole('button', { name: 'Save (Enter)' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('already delivered this product');
    await shot(page, 'collection-entry-second-delivery');
    await dialog.getByRole('button', { name: 'Record a second delivery' }).click();
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('3 entries');

    const rows = (await core.collections.list({})).rows;
    const teaRow = rows.find((r) => r.product_uuid === tea.uuid && !r.second_delivery)!;
    expect(teaRow).toMatchObject({
      gross_weight_milli: 42_500,
      tare_milli: 2_000,
      quantity_milli: 40_500,
      grade: 'A',
      weighed_on_scale: true,
      amount_minor: 97_200,
    });
    expect(rows.find((r) => r.product_uuid === milk.uuid)).toMatchObject({
      gross_weight_milli: 24_700,
      quantity_milli: 22_350,
      readings: '{"fat":375,"snf":860}',
      rate_minor: 4_600,
      weighed_on_scale: false,
    });
    expect(rows.find((r) => r.second_delivery)).toMatchObject({ grade: 'B', weighed_on_scale: false });

    // The supervisor's filter shows only the typed weights.
    await page.getByLabel(/Typed weights only/).check();
    await expect.poll(() => page.getByTestId('today-count').textContent()).toBe('2 entries');
    await shot(page, 'collection-entry-typed-filter');

    // The daily summary flags the typed weights; the statement shows grade and readings.
    const today = teaRow.collected_at.slice(0, 10);
    const api = host.manager.api();
    const daily = await api['reports.render']({ spec: { kind: 'daily', date: today } });
    const typedSection = daily.html.slice(daily.html.indexOf('TYPED WEIGHTS'));
    expect(typedSection).toContain('MILK');
    expect(typedSection).not.toContain('42.500');
    const statement = await api['reports.render']({
      spec: { kind: 'statement', supplier_uuid: supplier.uuid, from: today, to: today },
    });
    const lines = statement.html.replace(/<br>/g, ' ');
    // The shift is the one the entry took from the time of day (morning before noon on the office's clock).
    const milkRow = rows.find((r) => r.readings)!;
    expect([teaRow.shift, milkRow.shift]).toEqual([expect.stringMatching(/^(morning|evening)$/), expect.any(String)]);
    expect(lines).toContain(`Green tea leaf — grade A · ${teaRow.shift}`);
    expect(lines).toContain(`Raw milk — Fat % 3.75, SNF % 8.60 · ${milkRow.shift}`);
  });
});
