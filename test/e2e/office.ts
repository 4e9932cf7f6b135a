import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { termsOf } from '../../shared';
import { MILK_RULE, TEA_RULE } from '../../shared/pricing/fixtures';
import { startTestHost, type TestHost } from '../../app/dev/test-host';
import { launchChromium } from '../../app/main/core/reports/chromium-pdf';
import { buildServer } from '../../server/src/app';
import { addUser } from '../../server/src/users/users';
import { testConfig } from '../../server/test/config';
import { createTestDatabase, type TestDatabase } from '../../server/test/mysql';
import { freePort } from '../../scripts/free-port';

export const PASSWORD = 'correct horse battery';

/**
 * Screenshots for looking at a run: only when E2E_SCREENSHOTS names a folder (tests never write into the
 * repository; `npm run docs:pictures` makes the README's pictures).
 */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** First run: "Connect to your office server" as this user. */
export async function connectAs(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: 'Connect…' }).click();
  const connect = page.getByRole('form', { name: 'Connect to server' });
  await connect.getByLabel('Email').fill(email);
  await connect.getByLabel('Password').fill(PASSWORD);
  await connect.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('heading', { name: /^Today,/ }).waitFor();
}

/** First run: "Use on this computer only", a local administrator named `name`, to the dashboard. */
export async function setUpLocally(page: Page, name = 'Grace Owner'): Promise<void> {
  await page.getByRole('button', { name: 'Set up this computer…' }).click();
  const form = page.getByRole('form', { name: 'Create local administrator' });
  await form.getByLabel('Your name').fill(name);
  await form.getByLabel('Email').fill('grace@example.com');
  await form.getByLabel('Password', { exact: true }).fill('a long secret');
  await form.getByLabel('Confirm password').fill('a long secret');
  await form.getByRole('button', { name: /Create administrator/ }).click();
  await page.getByRole('heading', { name: /^Today,/ }).waitFor();
}

/**
 * Keyboard entry of one collection: supplier, Enter, product (kept, or picked by its first letter), Enter,
 * quantity, Enter.
 */
export async function typeCollection(page: Page, supplierCode: string, quantity: string, productKey?: string) {
  const focused = () => page.evaluate(() => document.activeElement?.id);
  await page.keyboard.type(supplierCode);
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('entry-product');
  if (productKey) await page.keyboard.press(productKey);
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('entry-quantity');
  await page.keyboard.type(quantity);
  await expect.poll(() => page.getByTestId('quote').textContent()).toContain('Amount');
  await page.keyboard.press('Enter');
}

/** The collection entry screen (Ctrl+2), the supplier typed, Enter, and the product picked. */
export async function startEntry(page: Page, supplierCode: string, productUuid: string) {
  await page.keyboard.press('Control+2');
  await page.getByRole('heading', { name: 'Record collections' }).waitFor();
  await page.keyboard.type(supplierCode);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('entry-product');
  await page.getByLabel('Product').selectOption(productUuid);
}

/** From milk's first can (focused): one can no. 7, none of no. 12, fat 3.75 and SNF 8.60, priced by the chart. */
export async function typeMilkCansAndReadings(page: Page) {
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('entry-reading-fat');
  await page.keyboard.type('3.75');
  await page.keyboard.press('Enter');
  await page.keyboard.type('8.60');
  await expect.poll(() => page.getByTestId('quote').textContent()).toContain('Rate $46.00');
}

/**
 * Supplier S-0101, tea priced by grade less its sacks and milk by a fat × SNF chart less its cans (rules from
 * 2026-01-01), made through the core as the signed-in supervisor.
 */
export async function addTeaAndMilk(core: TestHost['core']) {
  const supplier = await core.suppliers.create({ code: 'S-0101', name: 'Amina Njeri' });
  const tea = await core.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
  const milk = await core.products.create({ code: 'MILK', name: 'Raw milk', unit: 'l' });
  for (const [product, rule] of [
    [tea, TEA_RULE],
    [milk, MILK_RULE],
  ] as const)
    await core.pricingRules.create({ product_uuid: product.uuid, effective_from: '2026-01-01', terms: termsOf(rule) });
  return { supplier, tea, milk };
}

/**
 * A real server on MariaDB that can be stopped and started on the same port (to take the office offline), a
 * browser test host running the real desk core, and Debian's Chromium driven by Playwright. `orgTimeZone` is the
 * office's clock, set on the server only (the desk learns it when it connects), `browserTimeZone` the computer's:
 * tests of what a clerk reads set them apart.
 */
export async function startE2E(options: { orgTimeZone?: string; orgCurrency?: string; browserTimeZone?: string } = {}) {
  const db: TestDatabase = await createTestDatabase();
  for (const role of ['clerk', 'supervisor'] as const) {
    await addUser(db.db, {
      email: `${role}@example.com`,
      password: PASSWORD,
      name: role === 'clerk' ? 'Wanjiru Clerk' : 'Otieno Supervisor',
      role,
    });
  }
  const port = await freePort();
  const serverUrl = `http://127.0.0.1:${port}`;
  const config = testConfig({
    mysqlUrl: db.url,
    ...(options.orgTimeZone ? { orgTimeZone: options.orgTimeZone } : {}),
    ...(options.orgCurrency ? { orgCurrency: options.orgCurrency } : {}),
  });
  let server: FastifyInstance | null = null;
  const startServer = async () => {
    server = await buildServer({ config, db: db.db });
    await server.listen({ port, host: '127.0.0.1' });
  };
  const stopServer = async () => {
    await server?.close();
    server = null;
  };
  await startServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'collectpay-e2e-'));
  const host: TestHost = await startTestHost({
    dataDir,
    staticDir: 'out/renderer',
    serverUrl,
  });
  const browser: Browser = await launchChromium();
  const page: Page = await browser.newPage({
    viewport: { width: 1280, height: 820 },
    ...(options.browserTimeZone ? { timezoneId: options.browserTimeZone } : {}),
  });
  await page.goto(host.url);
  return {
    db,
    host,
    browser,
    page,
    serverUrl,
    dataDir,
    startServer,
    stopServer,
    async close() {
      await browser.close().catch(() => undefined);
      await host.close().catch(() => undefined);
      await stopServer().catch(() => undefined);
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
