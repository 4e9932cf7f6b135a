/**
 * `npm run docs:pictures`: the README's pictures, from data. A throwaway demo office (three months of a Kenyan tea
 * buyer's work), the real desk UI in Chromium for docs/screenshots/*.png, and the four printed reports rendered
 * from the desk's database for docs/reports/*.png. Tests never write these; this script is the one place that
 * does. Needs MariaDB (TEST_MYSQL_URL, as the tests), Chromium and poppler-utils (pdftoppm).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import type { Browser, Page } from 'playwright-core';
import { startTestHost, type TestHost } from '../app/dev/test-host';
import { MemorySecretStore } from '../app/main/core/auth/secret-store';
import { createCore, type Core } from '../app/main/core/create-core';
import { DEMO_COMPANY, DEMO_TIME_ZONE } from '../app/main/core/desk/demo-settings';
import { htmlToPdf, launchChromium } from '../app/main/core/reports/chromium-pdf';
import { payslipRun, renderPayslip } from '../app/main/core/reports/payslips/payslip';
import { writePayslipsPdf } from '../app/main/core/reports/payslips/payslips-pdf';
import { SAMPLE_CONTEXT, sampleRun } from '../app/main/core/reports/payslips/sample-run';
import { renderReport, type ReportContext } from '../app/main/core/reports/reports';
import { JsonSettingsStore } from '../app/main/core/settings';
import { localDateOf } from '../shared';
import type { ReportSpec } from '../shared/ipc/reports';
import { DEMO_USERS, openDemoOffice, type DemoOffice } from './demo-office';
import { ensureBuilt } from './ensure-built';
import { freePort } from './free-port';

const USAGE = `Usage: npm run docs:pictures [-- --only NAME[,NAME…]]

Refreshes the README's pictures from a throwaway demo office (dropped afterwards):
  docs/screenshots/*.png   the desk's screens, driven in Chromium with real data
  docs/reports/*.png       the first page of each printed report
Needs MariaDB (TEST_MYSQL_URL, default mysql://root@127.0.0.1:3306), Chromium and pdftoppm.
--only takes screenshot names (e.g. 03-suppliers) to refresh just those; reports are always made.`;

const SCREENS = 'docs/screenshots';
const REPORTS = 'docs/reports';
const [SUPERVISOR, CLERK] = DEMO_USERS;

function isoDay(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

class Pictures {
  readonly dirs: string[] = [];
  constructor(
    private readonly browser: Browser,
    private readonly only: Set<string> | null,
  ) {}

  async shot(page: Page, name: string): Promise<void> {
    if (this.only && !this.only.has(name)) return;
    await page.waitForTimeout(300); // let lists and fonts settle
    await page.screenshot({ path: join(SCREENS, `${name}.png`) });
    console.log(`  ${SCREENS}/${name}.png`);
  }

  /** A desk of its own, in the demo company's settings, and a page on it. */
  async desk(serverUrl: string): Promise<{ host: TestHost; page: Page }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'collectpay-docs-desk-'));
    this.dirs.push(dataDir);
    new JsonSettingsStore(join(dataDir, 'settings.json')).set({ serverUrl, ...DEMO_COMPANY });
    const host = await startTestHost({ dataDir, staticDir: 'out/renderer', serverUrl, orgTimeZone: DEMO_TIME_ZONE });
    const page = await this.browser.newPage({ viewport: { width: 1280, height: 820 } });
    await page.goto(host.url);
    return { host, page };
  }
}

async function untilText(page: Page, testId: string, pattern: RegExp, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(
      ([id, source]) => new RegExp(source!).test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''),
      [testId, pattern.source],
      { timeout },
    );
  } catch (error) {
    // Say what the page showed instead, so a failed run can be understood without re-running it.
    const shown = await page
      .getByTestId(testId)
      .first()
      .textContent({ timeout: 1_000 })
      .catch(() => null);
    throw new Error(`${testId} never matched ${pattern} (it shows ${JSON.stringify(shown)})`, { cause: error });
  }
}

async function collect(page: Page, supplier: string, productKey: string, quantity: string): Promise<void> {
  await page.keyboard.type(supplier);
  await page.keyboard.press('Enter');
  await page.locator('#entry-product:focus').waitFor();
  await page.keyboard.press(productKey);
  await page.keyboard.press('Enter');
  await page.locator('#entry-quantity:focus').waitFor();
  await page.keyboard.type(quantity);
  await untilText(page, 'quote', /Amount\s+Ksh/);
  await page.keyboard.press('Enter');
  await page
    .getByRole('status')
    .filter({ hasText: `from ${supplier}` })
    .waitFor();
}

async function pay(page: Page, supplier: string, amount: string, method: string, reference: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Supplier' }).fill(supplier);
  await page.getByRole('option', { name: new RegExp(supplier) }).click();
  await page.getByLabel('Amount (KES)').fill(amount);
  await page.getByLabel('Method').selectOption(method);
  await page.getByLabel('Reference').fill(reference);
  await page.getByRole('button', { name: 'Record payment' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `to ${supplier}` })
    .waitFor();
}

/** Two supervisors' desks void the same payment offline with different reasons: a conflict to settle. */
async function makeConflict(office: DemoOffice, dir: string, paymentUuid: string): Promise<void> {
  const desks: Core[] = [];
  try {
    for (const name of ['a', 'b']) {
      const desk = await createCore({
        filename: join(dir, `conflict-${name}.sqlite`),
        serverUrl: office.serverUrl,
        secrets: new MemorySecretStore(),
        engine: { setTimer: () => null, clearTimer: () => undefined },
      });
      desks.push(desk);
      await desk.auth.login(SUPERVISOR!.email, SUPERVISOR!.password);
      await desk.engine.sync('manual');
    }
    const [a, b] = desks as [Core, Core];
    await a.payments.void({ uuid: paymentUuid, reason: 'Entered twice: the same M-Pesa payment' });
    await b.payments.void({ uuid: paymentUuid, reason: 'Grower returned the cash at the weighbridge' });
    await a.engine.sync('manual');
    await b.engine.sync('manual');
  } finally {
    for (const desk of desks) await desk.close();
  }
}

/** The demo company's header and money, printed by the supervisor at the end of the day. */
function printedContext(today: string): ReportContext {
  return {
    company: { name: DEMO_COMPANY.companyName, address: DEMO_COMPANY.companyAddress },
    money: { currency: DEMO_COMPANY.currency, locale: DEMO_COMPANY.locale },
    paper: 'A4',
    printedBy: SUPERVISOR!.name,
    printedAt: `${today} 17:30`,
  };
}

async function reportPictures(core: Core, supplierUuid: string, receiptUuid: string): Promise<void> {
  const today = localDateOf(new Date(), core.ctx.orgTimeZone);
  const monthStart = `${today.slice(0, 8)}01`;
  const lastMonthEnd = isoDay(-Number(today.slice(8, 10)));
  const lastMonthStart = `${lastMonthEnd.slice(0, 8)}01`;
  const specs: [string, ReportSpec][] = [
    ['statement', { kind: 'statement', supplier_uuid: supplierUuid, from: monthStart, to: today }],
    ['daily', { kind: 'daily', date: isoDay(-1) }],
    ['receipt', { kind: 'receipt', payment_uuid: receiptUuid }],
    ['settlement', { kind: 'settlement', from: lastMonthStart, to: lastMonthEnd }],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'collectpay-docs-reports-'));
  try {
    for (const [name, spec] of specs) {
      const report = await renderReport(core, spec, printedContext(today));
      const pdf = join(dir, `${name}.pdf`);
      writeFileSync(pdf, await htmlToPdf(report.html, 'A4'));
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, join(REPORTS, name)]);
      console.log(`  ${REPORTS}/${name}.png (${report.title}, ${report.pages} page(s))`);
    }
    // The pay run's payslip (docs/pay-runs.md), from the sample run its tests use.
    const run = sampleRun();
    const payslip = renderPayslip(run, run.lines[0]!.supplier_uuid, {
      ...SAMPLE_CONTEXT,
      company: { name: DEMO_COMPANY.companyName, address: DEMO_COMPANY.companyAddress },
    });
    const pdf = join(dir, 'payslip.pdf');
    writeFileSync(pdf, await htmlToPdf(payslip.html, 'A4'));
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, join(REPORTS, 'payslip')]);
    console.log(`  ${REPORTS}/payslip.png (${payslip.title})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Last month's pay run on the Settlements screen: the run's table, the approve confirmation, the export, and the
 * first page of its payslips PDF. A fee, a loan and a few mobile-money numbers make the figures worth reading.
 */
async function payRunPictures(pictures: Pictures, page: Page, core: Core, dir: string): Promise<void> {
  const today = localDateOf(new Date(), core.ctx.orgTimeZone);
  const to = isoDay(-Number(today.slice(8, 10)));
  const from = `${to.slice(0, 8)}01`;
  await core.charges.create({
    code: 'MGT',
    name: 'Management fee',
    kind: 'percent',
    value: 1_500,
    product_uuid: null,
    active_from: from,
    active_to: null,
  });
  for (const [code, phone] of [
    ['S-0001', '+254 722 418 090'],
    ['S-0002', '+254 711 203 554'],
    ['S-0004', '+254 733 905 118'],
  ] as const) {
    const supplier = await core.suppliers.getByCode(code);
    await core.suppliers.update(supplier.uuid, { payout_method: 'mobile', mobile_phone: phone });
  }
  const borrower = await core.suppliers.getByCode('S-0001');
  await core.credits.create({
    supplier_uuid: borrower.uuid,
    kind: 'input',
    description: 'Fertiliser, 2 bags',
    principal_minor: 900_000,
    instalment_minor: 300_000,
    issued_on: from,
  });
  await core.engine.sync('manual');

  await page.keyboard.press('Control+0');
  const form = page.getByRole('form', { name: 'New settlement run' });
  await form.getByLabel('Period from').fill(from);
  await form.getByLabel('Period to').fill(to);
  await form.getByRole('button', { name: 'Compute draft' }).click();
  const run = page.locator('section[aria-label^="Run PR"]');
  const lines = run.getByRole('table', { name: 'Run lines' });
  await lines.waitFor({ timeout: 60_000 });
  // The first supplier with credit opened under its row, the run's heading and totals above it.
  await run.getByLabel('Filter suppliers').fill('Kericho');
  await run.getByRole('button', { name: 'S-0001' }).click();
  await run.scrollIntoViewIfNeeded();
  await run.locator('h2').evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await pictures.shot(page, '13-pay-run');
  await run.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog').waitFor();
  await pictures.shot(page, '13b-pay-run-approve');
  await page.getByRole('button', { name: 'Approve and close the period' }).click();
  await run.getByRole('status').filter({ hasText: 'Approved' }).waitFor({ timeout: 60_000 });
  const download = page.waitForEvent('download');
  await run.getByRole('button', { name: 'Export mobile-money file' }).click();
  await download;
  await run.getByRole('status').filter({ hasText: 'payment' }).waitFor();
  await pictures.shot(page, '13c-pay-run-export');

  const code = (await run.getAttribute('aria-label'))!.replace(/^Run /, '');
  const view = await core.settlements.find(code);
  const pdf = join(dir, 'payslips.pdf');
  await writePayslipsPdf(payslipRun(view), printedContext(today), pdf, (html, paper) => htmlToPdf(html, paper));
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    join(SCREENS, '13d-payslip'),
  ]);
  console.log(`  ${SCREENS}/13d-payslip.png (first payslip of ${view.run.code})`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
  ensureBuilt();
  mkdirSync(SCREENS, { recursive: true });
  mkdirSync(REPORTS, { recursive: true });
  const server = new URL(process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
  const database = `cp_docs_${Date.now().toString(36)}`;
  const mysqlUrl = new URL(server);
  mysqlUrl.pathname = `/${database}`;
  const office = await openDemoOffice({ mysqlUrl: mysqlUrl.toString(), port: await freePort(), log: console.log });
  const browser = await launchChromium();
  const pictures = new Pictures(browser, only);
  const hosts: TestHost[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'collectpay-docs-'));
  try {
    console.log('Screens:');
    const { host, page } = await pictures.desk(office.serverUrl);
    hosts.push(host);
    await page.getByRole('heading', { name: 'Welcome to CollectPay' }).waitFor();
    await pictures.shot(page, '00-first-run');
    await page.getByRole('button', { name: 'Connect…' }).click();
    const form = page.getByRole('form', { name: 'Connect to server' });
    await form.getByLabel('Email').fill(SUPERVISOR!.email);
    await form.getByLabel('Password').fill('not the password');
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await form.getByRole('alert').first().waitFor();
    await pictures.shot(page, '01-login');
    await form.getByLabel('Password').fill(SUPERVISOR!.password);
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('heading', { name: /^Today,/ }).waitFor({ timeout: 120_000 });
    await untilText(page, 'sync-state', /^Synced$/, 120_000);

    await page.keyboard.press('Control+5');
    await page.getByRole('table', { name: 'Products' }).waitFor();
    await pictures.shot(page, '05-products');

    await page.keyboard.press('Control+2');
    await page.getByRole('heading', { name: 'Record collections' }).waitFor();
    for (const [supplier, key, quantity] of [
      ['S-0012', 't', '26.8'],
      ['S-0001', 't', '24.6'],
      ['S-0002', 't', '31.2'],
      ['S-0004', 'm', '18.5'],
      ['S-0005', 't', '27.9'],
      ['S-0008', 'm', '22'],
      ['S-0009', 't', '19.35'],
    ] as const)
      await collect(page, supplier, key, quantity);
    await pictures.shot(page, '02-collection-entry');
    await page.getByLabel('Date and time').fill(`${isoDay(-1)}T17:45`);
    await page.getByLabel('Date and time').press('Enter');
    await collect(page, 'S-0003', 't', '16.4');
    await pictures.shot(page, '02b-backdated-collection');
    await page.getByRole('button', { name: 'Now' }).click();

    await page.keyboard.press('Control+3');
    await untilText(page, 'supplier-count', /^40 suppliers$/);
    await page.locator('[data-column="region"]').first().waitFor();
    await pictures.shot(page, '03-suppliers');
    await page.keyboard.press('Control+n');
    const supplierForm = page.getByRole('form', { name: 'New supplier' });
    await supplierForm.getByLabel('Code').fill('S-0001');
    await supplierForm.getByLabel('Name').fill('Amina Chepngetich');
    await supplierForm.getByLabel('Phone').fill('0722 418 090');
    await supplierForm.getByRole('button', { name: 'Save supplier' }).click();
    await supplierForm.locator('.field--error').first().waitFor();
    await pictures.shot(page, '03-supplier-validation');
    // A new grower joins: her first collections, payments and a void make a short ledger to look at.
    await supplierForm.getByLabel('Code').fill('S-0041');
    await supplierForm.getByLabel('Region').fill('Litein');
    await supplierForm.getByRole('button', { name: 'Save supplier' }).click();
    await page.getByRole('heading', { name: 'S-0041 — Amina Chepngetich' }).waitFor();
    await page.keyboard.press('Control+2');
    await collect(page, 'S-0041', 't', '21.7');
    await collect(page, 'S-0041', 't', '18.25');

    await page.keyboard.press('Control+4');
    await pay(page, 'S-0041', '600', 'mobile', 'MPESA QK7H2L9XP1 agent 0722 123 456, Litein');
    await pay(page, 'S-0041', '250', 'cash', 'Receipt 4471 (handwritten)');
    await pictures.shot(page, '04-payments');
    const handwritten = page.getByRole('row', { name: /Receipt 4471/ });
    await handwritten.getByRole('button', { name: 'Void' }).click();
    await page.getByRole('dialog').getByLabel('Reason').fill('Paid twice: the M-Pesa payment covered it');
    await pictures.shot(page, '04b-void-confirm');
    await page.getByRole('button', { name: 'Void payment' }).click();
    await handwritten.locator('del').waitFor();
    await pay(page, 'S-0003', '1500', 'mobile', 'MPESA QL3C9T2VW4 Kapkatet collection centre');
    const s3 = await host.core.suppliers.getByCode('S-0003');
    const receipt = (await host.core.payments.list({ supplier_uuid: s3.uuid })).rows.find((p) =>
      p.reference.startsWith('MPESA QL3C9T2VW4'),
    )!;

    await page.keyboard.press('Control+3');
    await page.getByLabel('Search suppliers').fill('S-0041');
    await page.getByRole('button', { name: /S-0041/ }).click();
    await page.getByRole('table', { name: 'Ledger' }).locator('del').waitFor();
    await pictures.shot(page, '03b-supplier-detail');
    await page.getByRole('button', { name: 'Statement' }).click();
    await page.frameLocator('iframe[title="Report preview"]').getByText('Closing balance').waitFor();
    await pictures.shot(page, '09-report-preview');

    // Everything typed so far has gone out (the desk syncs a second after the typing pauses) before the cut.
    await untilText(page, 'pending-count', /^0 pending$/, 30_000);
    await untilText(page, 'sync-state', /^Synced$/);
    await office.stopServer();
    await untilText(page, 'sync-state', /^Offline$/, 10_000);
    await page.keyboard.press('Control+2');
    await collect(page, 'S-0011', 't', '28.4');
    await untilText(page, 'pending-count', /^1 pending$/);
    await pictures.shot(page, '06-offline');
    await office.startServer();
    await untilText(page, 'pending-count', /^0 pending$/, 60_000);

    await page.keyboard.press('Control+6');
    await page.getByRole('heading', { name: 'Log' }).waitFor();
    await pictures.shot(page, '07-sync');
    await page.keyboard.press('Control+7');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await pictures.shot(page, '08-settings');

    const held = (
      await host.core.payments.list({ supplier_uuid: (await host.core.suppliers.getByCode('S-0007')).uuid })
    ).rows.find((p) => !p.voided_at)!;
    await makeConflict(office, scratch, held.uuid);
    await page.keyboard.press('F5');
    await page.locator('.toast').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+9');
    await page
      .getByRole('button', { name: /^Payment · receipt / })
      .first()
      .click();
    const detail = page.getByLabel('Conflict detail');
    await detail.getByLabel('Voided at: server').check();
    await detail.getByLabel('Void reason: desk').check();
    await detail.getByRole('textbox', { name: 'Note' }).fill('Checked the paper slip with the grower');
    await pictures.shot(page, '10-conflicts');

    // After the conflict: the run approves October, and the conflict is made of a void that may be dated in it.
    await page.locator('.toast').waitFor({ state: 'hidden', timeout: 30_000 });
    await payRunPictures(pictures, page, host.core, scratch);

    await page.keyboard.press('Control+1');
    await untilText(page, 'today-quantities', /kg · [\d.,]+ l/);
    await pictures.shot(page, '00-dashboard');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill(CLERK!.email);
    await page.getByLabel('Password').fill(CLERK!.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Today,/ }).waitFor();
    await page.keyboard.press('Control+4');
    await page.getByRole('combobox', { name: 'Supplier' }).fill('S-0003');
    await page.getByRole('option', { name: /S-0003/ }).click();
    await page.getByText('supervisors void payments').first().waitFor();
    await pictures.shot(page, '04c-clerk-payments');

    // A desk that starts on its own, and joins the server later from Settings.
    const local = await pictures.desk('');
    hosts.push(local.host);
    await local.page.getByRole('button', { name: 'Set up this computer…' }).click();
    const admin = local.page.getByRole('form', { name: 'Create local administrator' });
    await admin.getByLabel('Your name').fill('Grace Chepkoech');
    await admin.getByLabel('Email').fill('grace@kericho-highlands.example');
    await admin.getByLabel('Password', { exact: true }).fill('a long secret');
    await admin.getByLabel('Confirm password').fill('a long secret');
    await admin.getByRole('button', { name: /Create administrator/ }).click();
    await local.page.getByRole('heading', { name: /^Today,/ }).waitFor();
    await local.page.keyboard.press('Control+7');
    const later = local.page.getByRole('form', { name: 'Connect to server' });
    await later.getByLabel('Server address').fill(office.serverUrl);
    await later.getByLabel('Email').fill(SUPERVISOR!.email);
    await later.getByLabel('Password').fill(SUPERVISOR!.password);
    await pictures.shot(local.page, '11-connect-later');

    // The in-app demo: its own database, the demo company's shillings.
    const demo = await pictures.desk('');
    hosts.push(demo.host);
    await demo.page.getByRole('button', { name: 'Explore the demo' }).click();
    await demo.page.getByTestId('demo-banner').waitFor({ timeout: 120_000 });
    await demo.page.keyboard.press('Control+3');
    await demo.page.getByRole('button', { name: /S-0001/ }).click();
    await demo.page.getByRole('table', { name: 'Ledger' }).waitFor();
    await pictures.shot(demo.page, '12-demo');

    console.log('Printed reports:');
    await reportPictures(host.core, s3.uuid, receipt.uuid);
  } finally {
    for (const host of hosts) await host.close().catch(() => undefined);
    await browser.close();
    await office.close();
    const connection = await createConnection({ uri: server.toString() });
    await connection.query(`drop database if exists \`${database}\``);
    await connection.end();
    for (const dir of [scratch, ...pictures.dirs]) rmSync(dir, { recursive: true, force: true });
  }
  console.log('Done. Look at every picture before committing it.');
}

main().catch((error: unknown) => {
  console.error(`docs:pictures failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
