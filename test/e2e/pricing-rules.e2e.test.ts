import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../app/main/core/create-core';
import { connectAs, PASSWORD, shot, startE2E } from './office';

/** The error shown right under an input (its aria-describedby), i.e. beside the field it belongs to. */
async function errorBeside(field: Locator): Promise<string | null> {
  const id = await field.getAttribute('aria-describedby');
  if (!id) return null;
  return field.page().locator(`[id="${id}"]`).textContent();
}

async function newVersionOf(page: Page, product: string): Promise<Locator> {
  const rules = page.getByRole('region', { name: 'Pricing rules' });
  await rules.getByLabel('Product').selectOption({ label: product });
  await rules.getByRole('button', { name: 'New version…' }).click();
  const form = page.getByRole('form', { name: 'New pricing rule version' });
  await form.getByLabel('Effective from').fill('2026-03-01');
  return form;
}

/**
 * A supervisor sets up pricing through the screens — a route, a tea rule by grade with a rope-sack tare, a
 * milk rule by a fat × SNF chart — sees a field error beside its field, previews a price, and collections
 * of each are then priced by those rules on the desk and the server.
 */
describe('pricing rules through the screens', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  let core: Core;
  beforeAll(async () => {
    e = await startE2E();
    await connectAs(e.page, 'supervisor@example.com');
    core = e.host.core;
    for (const [code, name] of [
      ['TEA', 'Green tea leaf'],
      ['MILK', 'Raw milk'],
    ] as const) {
      const product = await core.products.create({ code, name, unit: 'kg' });
      await core.rates.set({ product_uuid: product.uuid, rate_minor: 1_000, effective_from: '2026-01-01' });
    }
    await core.suppliers.create({ code: 'S-0001', name: 'Amina Njeri', region: 'Litein' });
  });
  afterAll(async () => e?.close());

  it('routes and centres: add one, and pick it on a supplier', async () => {
    const { page } = e;
    await page.keyboard.press('Control+5');
    const routes = page.getByRole('region', { name: 'Routes' });
    await expect.poll(() => routes.textContent()).toContain('No routes yet');
    await routes.getByRole('button', { name: 'New route…' }).click();
    const form = routes.getByRole('form', { name: 'New route' });
    await form.getByLabel('Route code').fill('HILL');
    await form.getByLabel('Route name').fill('Hill route');
    await page.keyboard.press('Enter');
    await expect.poll(() => routes.getByRole('table').textContent()).toContain('HILLHill route');

    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: /S-0001/ }).click();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const supplier = page.getByRole('form', { name: 'Edit supplier' });
    await supplier.getByLabel('Route').selectOption({ label: 'HILL — Hill route' });
    await supplier.getByRole('button', { name: 'Save supplier' }).click();
    await expect
      .poll(async () => (await core.suppliers.getByCode('S-0001')).route_uuid)
      .toBe((await core.routes.list())[0]!.uuid);
  });

  it('a tea rule by grade with a sack tare; a wrong rate is refused beside its grade row', async () => {
    const { page } = e;
    await page.keyboard.press('Control+5');
    const rules = page.getByRole('region', { name: 'Pricing rules' });
    await expect.poll(() => rules.getByTestId('rules-empty').textContent()).toContain('MILK has no pricing rule');
    const form = await newVersionOf(page, 'TEA — Green tea leaf');
    await form.getByLabel('Priced').selectOption('grade');
    await form.getByLabel('Grade 1 code').fill('A');
    await form.getByLabel('Grade 1 label').fill('Two leaves and a bud');
    await form.getByLabel('Grade 1 rate').fill('24');
    await form.getByRole('button', { name: 'Add grade' }).click();
    await form.getByLabel('Grade 2 code').fill('B');
    await form.getByLabel('Grade 2 rate').fill('20.005');
    await form.getByRole('button', { name: 'Add container' }).click();
    await form.getByLabel('Container 1 code').fill('ROPE');
    await form.getByLabel('Container 1 label').fill('Rope sack');
    await form.getByLabel('Container 1 tare').fill('1');
    await form.getByLabel('Container 1 tare').press('Enter');
    const rate = form.getByLabel('Grade 2 rate');
    await expect.poll(() => rate.getAttribute('aria-invalid')).toBe('true');
    expect(await errorBeside(rate)).toBe('allows at most 2 decimal places');
    expect(await form.getByRole('alert').filter({ hasText: 'Please correct' }).textContent()).toBe(
      'Please correct the highlighted field.',
    );
    await shot(page, 'pricing-rules-field-error');

    // An override that changes nothing is refused beside it, as the schema says; then it is removed again.
    await form.getByRole('button', { name: 'Add override' }).click();
    const override = form.getByRole('group', { name: 'Override 1' });
    await override.getByLabel('Override 1 route').selectOption({ label: 'HILL — Hill route' });
    await override.getByLabel('Its own rate here').uncheck();
    await expect
      .poll(() => override.getByRole('alert').allTextContents())
      .toContain('an override must change the rate or a tare');
    await override.scrollIntoViewIfNeeded();
    await shot(page, 'pricing-rules-override');
    await form.getByRole('button', { name: 'Remove override 1' }).click();
    await rate.fill('20');
    await form.getByLabel('Gross weight (kg)').fill('25');
    await form.getByLabel('Grade', { exact: true }).selectOption('A');
    await form.getByLabel(/^Rope sack/).fill('2');
    await expect
      .poll(() => form.getByTestId('price-preview').textContent())
      .toMatch(/552\.00 = 23 kg net \(25 gross − 2 tare\) × .*24\.00 · grade A/);
    await form.getByTestId('price-preview').scrollIntoViewIfNeeded();
    await shot(page, 'pricing-rules-tea-editor');
    await form.getByRole('button', { name: 'Save version' }).click();
    const versions = rules.getByRole('table', { name: 'Rule versions' });
    await expect.poll(() => versions.textContent()).toContain('2026-03-01By grade');
  });

  it('a milk rule by a fat × SNF chart, the grid sized by the bands', async () => {
    const { page } = e;
    const form = await newVersionOf(page, 'MILK — Raw milk');
    await form.getByLabel('Priced').selectOption('chart');
    const reading = async (name: string, key: string, label: string) => {
      await form.getByLabel(`${name} key`).fill(key);
      await form.getByLabel(`${name} label`).fill(label);
      await form.getByLabel(`${name} decimals`).fill('2');
      await form.getByLabel(`${name} lowest`).fill('0');
      await form.getByLabel(`${name} highest`).fill('15');
    };
    const bands = async (name: string, ranges: [string, string][]) => {
      for (const [i, [from, to]] of ranges.entries()) {
        if (i > 0)
          await form
            .getByRole('group', { name: `${name} bands` })
            .getByRole('button', { name: 'Add band' })
            .click();
        await form.getByLabel(`${name} band ${i + 1} from`).fill(from);
        await form.getByLabel(`${name} band ${i + 1} to`).fill(to);
      }
    };
    await reading('Rows reading', 'fat', 'Fat %');
    await bands('Rows reading', [
      ['3.00', '3.49'],
      ['3.50', '3.99'],
    ]);
    await form.getByRole('button', { name: 'Add a second reading' }).click();
    await reading('Columns reading', 'snf', 'SNF %');
    await bands('Columns reading', [
      ['8.00', '8.49'],
      ['8.50', '9.50'],
    ]);
    const grid = form.getByRole('table', { name: 'Rate table' });
    await form.getByLabel('Rows reading key').scrollIntoViewIfNeeded();
    expect(await grid.locator('tbody tr').count()).toBe(2);
    expect(await grid.locator('tbody tr').first().locator('input').count()).toBe(2);
    for (const [cell, value] of [
      ['Rate for row 1 column 1', '40'],
      ['Rate for row 1 column 2', '42'],
      ['Rate for row 2 column 1', '44'],
      ['Rate for row 2 column 2', '46'],
    ] as const)
      await form.getByLabel(cell).fill(value);
    await shot(page, 'pricing-rules-chart-editor');
    await form.getByRole('button', { name: 'Add container' }).click();
    await form.getByLabel('Container 1 code').fill('CAN-7');
    await form.getByLabel('Container 1 label').fill('Can no. 7');
    await form.getByLabel('Container 1 tare').fill('2.35');
    await form.getByLabel('Gross weight (kg)').fill('20');
    await form.getByLabel('Fat %').fill('3.75');
    await form.getByLabel('SNF %').fill('8.6');
    await form.getByLabel(/^Can no\. 7/).fill('1');
    await expect
      .poll(() => form.getByTestId('price-preview').textContent())
      .toMatch(/811\.90 = 17\.65 kg net .* × .*46\.00 · chart cell Fat % 3\.50–3\.99 × SNF % 8\.50–9\.50/);
    await form.getByTestId('price-preview').scrollIntoViewIfNeeded();
    await shot(page, 'pricing-rules-milk-chart');
    await form.getByRole('button', { name: 'Save version' }).click();
    const versions = page.getByRole('table', { name: 'Rule versions' });
    await expect.poll(() => versions.textContent()).toContain('2026-03-01Quality chart');
    await versions.getByRole('button', { name: 'View' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Chart rates' }).textContent()).toContain('3.50–3.99');
    await shot(page, 'pricing-rules-list');
  });

  it('collections of each are priced by the rules made on the screens, on the desk and the server', async () => {
    const supplier = await core.suppliers.getByCode('S-0001');
    const [tea, milk] = await Promise.all(['TEA', 'MILK'].map((code) => core.products.getByCode(code)));
    const teaRow = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: tea!.uuid,
      collected_at: '2026-11-03T08:00:00.000Z',
      gross_weight_milli: 25_000,
      containers: JSON.stringify([{ code: 'ROPE', count: 2 }]),
      grade: 'A',
    });
    const milkRow = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: milk!.uuid,
      collected_at: '2026-11-03T08:00:00.000Z',
      gross_weight_milli: 20_000,
      containers: JSON.stringify([{ code: 'CAN-7', count: 1 }]),
      readings: JSON.stringify({ fat: 375, snf: 860 }),
    });
    const [teaRule] = await core.pricingRules.list(tea!.uuid);
    const [milkRule] = await core.pricingRules.list(milk!.uuid);
    // 25 kg less two 1 kg sacks at grade A's 24.00; 20 kg less the 2.35 kg can at fat 3.75 × SNF 8.60's 46.00.
    expect(teaRow).toMatchObject({
      rule_version_uuid: teaRule!.uuid,
      quantity_milli: 23_000,
      rate_minor: 2_400,
      amount_minor: 55_200,
    });
    expect(milkRow).toMatchObject({
      rule_version_uuid: milkRule!.uuid,
      quantity_milli: 17_650,
      rate_minor: 4_600,
      amount_minor: 81_190,
    });

    expect((await core.engine.sync('manual')).outcome).toBe('success');
    const stored = await e.db.db
      .selectFrom('collections')
      .select(['uuid', 'amount_minor', 'rule_version_uuid'])
      .where('uuid', 'in', [teaRow.uuid, milkRow.uuid])
      .orderBy('amount_minor')
      .execute();
    expect(stored.map((r) => [r.uuid, Number(r.amount_minor), r.rule_version_uuid])).toEqual([
      [teaRow.uuid, 55_200, teaRule!.uuid],
      [milkRow.uuid, 81_190, milkRule!.uuid],
    ]);
  });

  it('withdrawing a version asks first; a clerk sees the rules read-only', async () => {
    const { page } = e;
    const rules = page.getByRole('region', { name: 'Pricing rules' });
    await rules.getByRole('button', { name: 'Withdraw…' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('Collections already priced by it keep it');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    const versions = rules.getByRole('table', { name: 'Rule versions' });
    expect(await versions.textContent()).toContain('in use');
    await rules.getByRole('button', { name: 'Withdraw…' }).click();
    await page.getByRole('button', { name: 'Withdraw version' }).click();
    await expect.poll(() => versions.textContent()).toMatch(/Quality chartwithdrawn \d{4}-\d\d-\d\d/);
    const milk = await core.products.getByCode('MILK');
    expect(await core.pricingRules.list(milk.uuid)).toEqual([]);
    expect((await core.engine.sync('manual')).outcome).toBe('success');
    expect(await core.outbox.needsAttention()).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill('clerk@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).textContent()).toContain('Wanjiru Clerk');
    await page.keyboard.press('Control+5');
    await expect.poll(() => rules.textContent()).toContain('Only a supervisor may change pricing rules');
    expect(await rules.getByRole('button', { name: 'New version…' }).count()).toBe(0);
    expect(await rules.getByRole('button', { name: 'Withdraw…' }).count()).toBe(0);
    await rules.getByRole('button', { name: 'View' }).first().click();
    await expect
      .poll(() => rules.getByRole('region', { name: 'Version from 2026-03-01' }).textContent())
      .toContain('Fat % \\ SNF %');
    await shot(page, 'pricing-rules-clerk-read-only');
  });
});
