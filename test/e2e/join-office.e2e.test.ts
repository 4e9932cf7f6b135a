import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../app/main/core/auth/secret-store';
import { createCore, type Core } from '../../app/main/core/create-core';
import { PASSWORD, startE2E, setUpLocally } from './office';

/**
 * The new-user trial in the browser: a desk set up alone joins an office whose S-0001 and TEA are other records.
 * The clash list proposes a new code for the differently named supplier, refuses a code the server has, and
 * nothing is mapped before a confirmation that says what merges — Cancel first, Enter cancels.
 */
describe('joining an office whose codes clash', () => {
  let e: Awaited<ReturnType<typeof startE2E>>;
  let office: Core;
  beforeAll(async () => {
    e = await startE2E();
    office = await createCore({
      filename: join(tmpdir(), `${e.db.name}-office.sqlite`),
      serverUrl: e.serverUrl,
      secrets: new MemorySecretStore(),
      engine: { setTimer: () => null, clearTimer: () => undefined },
    });
    await office.auth.login('supervisor@example.com', PASSWORD);
  });
  afterAll(async () => {
    await office?.close();
    await e?.close();
  });

  it('asks per supplier, confirms exactly what merges, and keeps the desk’s tea rates home', async () => {
    const amina = await office.suppliers.create({ code: 'S-0001', name: 'Amina Njeri' });
    await office.suppliers.create({ code: 'S-0002', name: 'Baraka Otieno' });
    const tea = await office.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await office.rates.set({ product_uuid: tea.uuid, rate_minor: 100, effective_from: '2026-01-01' });
    await office.engine.sync('manual');

    const { page } = e;
    await setUpLocally(page, 'Grace');
    const desk = e.host.core;
    const localTea = await desk.products.create({ code: 'TEA', name: 'Tea leaf (local)', unit: 'kg' });
    for (const [rate_minor, effective_from] of [
      [0, '2026-11-01'],
      [50, '2026-11-01'],
      [50, '1999-01-01'],
    ] as const)
      await desk.rates.set({ product_uuid: localTea.uuid, rate_minor, effective_from });
    const grace = await desk.suppliers.create({ code: 'S-0001', name: 'Grace Local Supplier' });
    for (let i = 0; i < 12; i++)
      await desk.collections.create({
        supplier_uuid: grace.uuid,
        product_uuid: localTea.uuid,
        quantity_milli: 1_000,
        collected_at: new Date(Date.UTC(2026, 9, 1 + i, 6)).toISOString(),
      });

    await page.keyboard.press('Control+7');
    const connect = page.getByRole('form', { name: 'Connect to server' });
    await connect.getByLabel('Server address').fill(e.serverUrl);
    await connect.getByLabel('Email').fill('clerk@example.com');
    await connect.getByLabel('Password').fill(PASSWORD);
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();

    // The names differ: a new code is proposed, and must be typed before anything is asked.
    const choice = connect.getByRole('group', { name: 'S-0001 Grace Local Supplier' });
    await expect.poll(() => choice.getByLabel(/Different grower/).isChecked()).toBe(true);
    const newCode = choice.getByLabel('New code for Grace Local Supplier');
    const mapButton = connect.getByRole('button', { name: 'Map them and join the server…' });
    await mapButton.click();
    await expect.poll(() => choice.locator('.field__error').textContent()).toBe('is required');

    // A code the office uses already is refused beside the field, after the confirmation; nothing is sent.
    await newCode.fill('S-0002');
    await mapButton.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Map them and join' }).click();
    await expect
      .poll(() => choice.locator('.field__error').textContent(), { timeout: 15_000 })
      .toBe('S-0002 is already used on the server (Baraka Otieno)');

    await newCode.fill('S-0101');
    await mapButton.click();
    await expect
      .poll(() => dialog.getByRole('list', { name: 'What will happen' }).locator('li').allTextContents())
      .toEqual([
        'Supplier S-0001 “Grace Local Supplier” stays separate under the new code S-0101, with its 12 collections and 0 payments.',
        'Product TEA “Tea leaf (local)” → the office’s “Green tea leaf”: 12 collections move onto it.',
        '3 rates set on this computer for TEA will not be sent; the office’s rates apply.',
      ]);
    // Cancel is where focus starts: Enter (or Escape) leaves everything as it was.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await e.db.db.selectFrom('collections').select('uuid').execute()).toEqual([]);

    await mapButton.click();
    await dialog.getByRole('button', { name: 'Map them and join' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toContain('Connected');
    const server = e.db.db;
    expect(
      await server.selectFrom('suppliers').select(['code', 'name']).where('uuid', '=', grace.uuid).execute(),
    ).toEqual([{ code: 'S-0101', name: 'Grace Local Supplier' }]);
    expect(
      await server.selectFrom('collections').select('uuid').where('supplier_uuid', '=', amina.uuid).execute(),
    ).toEqual([]);
    expect(await server.selectFrom('product_rates').select('rate_minor').execute()).toEqual([{ rate_minor: 100 }]);
  });
});
