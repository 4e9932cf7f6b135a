import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, type MoneyFormat } from '../../../../shared';
import { seedBasics, tempCore } from '../test-support';
import { htmlToPdf, launchChromium } from './chromium-pdf';
import { renderReport } from './reports';
import { reportContext } from './report-test-context';

type TempCore = Awaited<ReturnType<typeof tempCore>>;
const USD: MoneyFormat = { currency: 'USD', locale: 'en-US' };

const ctx = reportContext;

/** PDF → text pages (pdftotext -layout). The file stays in the test's temp folder (npm run docs:pictures makes the README's). */
function pdfPages(pdf: Buffer, dir: string, name: string): string[] {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim() !== '');
}

/** A fresh desk and one Chromium for a describe block, made before its tests and removed after. */
function freshDeskAndChromium(): { core: TempCore; browser: Browser } {
  const desk = {} as { core: TempCore; browser: Browser };
  beforeAll(async () => {
    desk.browser = await launchChromium();
    desk.core = await tempCore();
  });
  afterAll(async () => {
    await desk.browser?.close();
    await desk.core?.cleanup();
  });
  return desk;
}

/** Independent sums with plain SQL, not the code under test. */
function sum(core: TempCore, sqlText: string, ...params: unknown[]): number {
  return Number(
    core.sqlite
      .prepare(sqlText)
      .pluck()
      .get(...params),
  );
}

describe('printed reports, through Chromium to PDF', () => {
  let core: TempCore;
  let browser: Browser;
  let supplier: { uuid: string; code: string };
  const money = (minor: number) => formatMoney(minor, USD);

  beforeAll(async () => {
    browser = await launchChromium();
    core = await tempCore();
    const basics = await seedBasics(core, 3275);
    supplier = basics.supplier;
    const milk = await core.products.create({ code: 'MILK', name: 'Fresh milk', unit: 'l' });
    await core.rates.set({ product_uuid: milk.uuid, rate_minor: 4550, effective_from: '2026-01-01' });
    const second = await core.suppliers.create({ code: 'S-0002', name: 'Kiprono Langat' });
    for (let i = 0; i < 12; i++) {
      await core.collections.create({
        supplier_uuid: supplier.uuid,
        product_uuid: basics.product.uuid,
        quantity_milli: 10_000 + i * 1_237,
        collected_at: `2026-11-${String(10 + (i % 5)).padStart(2, '0')}T07:${String(10 + i).padStart(2, '0')}:00Z`,
      });
      await core.collections.create({
        supplier_uuid: second.uuid,
        product_uuid: milk.uuid,
        quantity_milli: 5_500 + i * 333,
        collected_at: `2026-11-12T09:${String(10 + i).padStart(2, '0')}:00Z`,
      });
    }
    await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: basics.product.uuid,
      quantity_milli: 3_000,
      collected_at: '2026-10-20T07:00:00Z',
    });
    await core.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 50_000,
      type: 'advance',
      method: 'cash',
      paid_at: '2026-11-11T12:00:00Z',
    });
    const voided = await core.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 7_000,
      type: 'partial',
      method: 'mobile',
      paid_at: '2026-11-13T12:00:00Z',
      reference: 'MPESA-1',
    });
    await core.payments.void({ uuid: voided.uuid, reason: 'Sent twice' });
    await core.payments.create({
      supplier_uuid: second.uuid,
      amount_minor: 120_050,
      type: 'settlement',
      method: 'bank',
      paid_at: '2026-11-14T12:00:00Z',
      reference: 'TRX-99',
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await core?.cleanup();
  });

  it('statement: opening, lines, running and closing balance match the database to the minor unit', async () => {
    const report = await renderReport(
      core,
      { kind: 'statement', supplier_uuid: supplier.uuid, from: '2026-11-01', to: '2026-11-30' },
      ctx(),
    );
    const [page] = pdfPages(await htmlToPdf(report.html, 'A4', browser), core.dir, 'statement');
    const opening = sum(
      core,
      `select coalesce(sum(amount_minor),0) from collections where supplier_uuid = ? and collected_at < '2026-11-01'`,
      supplier.uuid,
    );
    const collected = sum(
      core,
      `select sum(amount_minor) from collections where supplier_uuid = ? and collected_at >= '2026-11-01'`,
      supplier.uuid,
    );
    const paid = sum(
      core,
      `select sum(amount_minor) from payments where supplier_uuid = ? and voided_at is null and paid_at >= '2026-11-01'`,
      supplier.uuid,
    );
    expect(page).toContain('Kericho Tea Buyers Ltd');
    expect(page).toContain('S-0001 — Amina Njeri');
    expect(page).toMatch(new RegExp(`Opening balance\\s+${escape(money(opening))}`));
    expect(page).toMatch(new RegExp(`Totals for the period\\s+${escape(money(collected))}\\s+${escape(money(paid))}`));
    expect(page).toMatch(new RegExp(`Closing balance\\s+${escape(money(opening + collected - paid))}`));
    // The voided payment: its amount struck through (not counted) beside its reason, its reference kept.
    expect(page).toMatch(inOrder('Payment (partial, mobile, MPESA-1) — VOID: Sent twice'));
    expect(report.html).toContain(`<del>${money(7_000)}</del>`);
    expect(page).toMatch(/kg\s+\$32\.75/);
    expect(page).toContain('Page 1 of 1');
    expect(page).toContain('Printed 2026-11-26 08:00 by Otieno Supervisor');
  });

  it('daily summary: per product and per supplier totals match the database', async () => {
    const report = await renderReport(core, { kind: 'daily', date: '2026-11-12' }, ctx());
    const text = pdfPages(await htmlToPdf(report.html, 'A4', browser), core.dir, 'daily').join('\n');
    const day = [`2026-11-12T00:00:00.000Z`, `2026-11-13T00:00:00.000Z`];
    const total = sum(
      core,
      `select sum(amount_minor) from collections where collected_at >= ? and collected_at < ?`,
      ...day,
    );
    const milk = sum(
      core,
      `select sum(c.amount_minor) from collections c join products p on p.uuid = c.product_uuid where p.code = 'MILK' and collected_at >= ? and collected_at < ?`,
      ...day,
    );
    const tea = sum(
      core,
      `select sum(c.amount_minor) from collections c join products p on p.uuid = c.product_uuid where p.code = 'TEA' and collected_at >= ? and collected_at < ?`,
      ...day,
    );
    expect(milk + tea).toBe(total);
    expect(text).toMatch(new RegExp(`MILK Fresh milk\\s+12\\s+[\\d.]+ l\\s+${escape(money(milk))}`));
    expect(text).toMatch(new RegExp(`TEA Green tea leaf\\s+\\d+\\s+[\\d.]+ kg\\s+${escape(money(tea))}`));
    expect(text.match(new RegExp(`Total\\s+\\d+\\s+${escape(money(total))}`, 'g'))).toHaveLength(2);
  });

  it('receipt: amount, method, reference, balance after and amount in words', async () => {
    const payment = core.sqlite
      .prepare(`select uuid, amount_minor, paid_at from payments where reference = 'TRX-99'`)
      .get() as { uuid: string; amount_minor: number; paid_at: string };
    const report = await renderReport(core, { kind: 'receipt', payment_uuid: payment.uuid }, ctx());
    const [page] = pdfPages(await htmlToPdf(report.html, 'A4', browser), core.dir, 'receipt');
    const supplierUuid = core.sqlite
      .prepare(`select supplier_uuid from payments where uuid = ?`)
      .pluck()
      .get(payment.uuid) as string;
    const after =
      sum(
        core,
        `select coalesce(sum(amount_minor),0) from collections where supplier_uuid = ? and collected_at <= ?`,
        supplierUuid,
        payment.paid_at,
      ) -
      sum(
        core,
        `select coalesce(sum(amount_minor),0) from payments where supplier_uuid = ? and voided_at is null and paid_at <= ?`,
        supplierUuid,
        payment.paid_at,
      );
    expect(page).toMatch(/Amount\s+\$1,200\.50/);
    expect(page).toContain('One Thousand Two Hundred Dollars And Fifty Cents Only');
    expect(page).toMatch(/Method\s+bank/);
    expect(page).toMatch(/Reference\s+TRX-99/);
    expect(page).toMatch(new RegExp(`Balance after payment\\s+${escape(money(after))}`));
  });

  it('settlement sheet: per supplier collected, paid, due and grand totals match the database', async () => {
    const report = await renderReport(core, { kind: 'settlement', from: '2026-11-01', to: '2026-11-30' }, ctx());
    const text = pdfPages(await htmlToPdf(report.html, 'A4', browser), core.dir, 'settlement').join('\n');
    const collected = sum(core, `select sum(amount_minor) from collections where collected_at >= '2026-11-01'`);
    const paid = sum(
      core,
      `select sum(amount_minor) from payments where voided_at is null and paid_at >= '2026-11-01'`,
    );
    const due =
      sum(core, `select sum(amount_minor) from collections`) -
      sum(core, `select sum(amount_minor) from payments where voided_at is null`);
    expect(text).toMatch(
      new RegExp(
        `Grand total\\s+\\S+\\s+${escape(money(collected))}\\s+${escape(money(paid))}\\s+${escape(money(due))}`,
      ),
    );
    expect(text).toContain('Signature');
  });

  it('prints a clear "no activity" report for an empty period, in the configured currency and locale', async () => {
    const report = await renderReport(
      core,
      { kind: 'statement', supplier_uuid: supplier.uuid, from: '2025-01-01', to: '2025-01-31' },
      ctx({ money: { currency: 'KES', locale: 'en-KE' }, paper: 'Letter' }),
    );
    const pages = pdfPages(await htmlToPdf(report.html, 'Letter', browser), core.dir, 'statement-empty');
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('No activity in this period');
    expect(pages[0]).toMatch(/Closing balance\s+Ksh\s0\.00/);
    const daily = await renderReport(core, { kind: 'daily', date: '2025-01-01' }, ctx());
    expect(pdfPages(await htmlToPdf(daily.html, 'A4', browser), core.dir, 'daily-empty')[0]).toContain(
      'No collections on 2025-01-01.',
    );
    const kes = await renderReport(
      core,
      { kind: 'statement', supplier_uuid: supplier.uuid, from: '2026-11-01', to: '2026-11-30' },
      ctx({ money: { currency: 'KES', locale: 'en-KE' } }),
    );
    expect(pdfPages(await htmlToPdf(kes.html, 'A4', browser), core.dir, 'statement-kes')[0]).toMatch(
      /Ksh\s[\d,]+\.\d\d/,
    );
  });
});

describe('a statement with long references', () => {
  const desk = freshDeskAndChromium();

  it('wraps entries instead of cutting them: every reference typed reaches paper, pages still exact', async () => {
    const { supplier, product } = await seedBasics(desk.core, 3275);
    const references: string[] = [];
    for (let i = 0; i < 90; i++) {
      const at = `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T${String(6 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`;
      await desk.core.collections.create({
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        quantity_milli: 12_000 + i,
        collected_at: at,
      });
      // Up to the 80 characters a reference may have, with a receipt number too long for one line.
      const reference = `MPESA QK${String(7_000_000 + i * 7919)}XP M-Pesa from ${i % 2 ? 'Chebet' : 'Kiprono'} slip ${4400 + i}/2026 ref NOV${i}`;
      references.push(reference);
      const payment = await desk.core.payments.create({
        supplier_uuid: supplier.uuid,
        amount_minor: 1_000 + i,
        type: i % 3 ? 'partial' : 'advance',
        method: 'mobile',
        paid_at: at.replace(/:00Z$/, ':30Z'),
        reference,
      });
      if (i % 10 === 4)
        await desk.core.payments.void({ uuid: payment.uuid, reason: `Sent twice (duplicate of slip ${4399 + i})` });
    }
    const report = await renderReport(
      desk.core,
      { kind: 'statement', supplier_uuid: supplier.uuid, from: '2026-11-01', to: '2026-11-30' },
      ctx(),
    );
    const pages = pdfPages(await htmlToPdf(report.html, 'A4', desk.browser), desk.core.dir, 'statement-references');
    expect(pages.length).toBe(report.pages);
    expect(pages.length).toBeGreaterThan(2);
    const all = pages.join('\n');
    expect(all).not.toContain('…');
    for (const reference of references) {
      // The whole reference is in the document, and each of its words is on paper on one page: no row split.
      expect(report.html.replace(/<br>/g, ' ')).toContain(reference);
      const slip = /\d{4}\/2026/.exec(reference)![0];
      const page = pages.find((p) => p.includes(slip));
      expect(page, reference).toBeDefined();
      expect(page!.replace(/\s+/g, ' ')).toMatch(inOrder(reference.replace(/QK\d+XP/, 'QK')));
      expect(page!.replace(/\s+/g, '')).toContain(/QK\d+XP/.exec(reference)![0]);
    }
    expect(all).toMatch(inOrder('VOID: Sent twice (duplicate of slip 4403)'));
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
  }, 120_000);
});

describe('a 2,000-line statement', () => {
  const desk = freshDeskAndChromium();

  it('paginates with the header on every page and exact carried-forward totals', async () => {
    const { supplier, product } = await seedBasics(desk.core, 3275);
    const start = Date.UTC(2026, 9, 1, 6);
    await desk.core.ctx.write(async () => undefined);
    for (let i = 0; i < 2000; i++) {
      const at = new Date(start + i * 20 * 60_000).toISOString();
      if (i % 10 === 9)
        await desk.core.payments.create({
          supplier_uuid: supplier.uuid,
          amount_minor: 10_000 + i,
          type: 'partial',
          method: 'cash',
          paid_at: at,
        });
      else
        await desk.core.collections.create({
          supplier_uuid: supplier.uuid,
          product_uuid: product.uuid,
          quantity_milli: 1_000 + i * 7,
          collected_at: at,
        });
    }
    const report = await renderReport(
      desk.core,
      { kind: 'statement', supplier_uuid: supplier.uuid, from: '2026-10-01', to: '2026-12-31' },
      {
        company: { name: 'Kericho Tea Buyers Ltd', address: '' },
        money: USD,
        paper: 'A4',
        printedBy: 'Tester',
        printedAt: '2026-11-26 08:00',
      },
    );
    const pages = pdfPages(await htmlToPdf(report.html, 'A4', desk.browser), desk.core.dir, 'statement-2000');
    expect(pages.length).toBe(report.pages);
    expect(pages.length).toBeGreaterThan(50);
    const money = (minor: number) => formatMoney(minor, USD);
    // Independent running sums, line by line, from the database.
    const lines = desk.core.sqlite
      .prepare(
        `select at, kind, amount from (select collected_at as at, 'c' as kind, amount_minor as amount, uuid from collections union all select paid_at, 'p', amount_minor, uuid from payments) order by at, uuid`,
      )
      .all() as { at: string; kind: string; amount: number }[];
    expect(lines).toHaveLength(2000);
    let seen = 0;
    let collected = 0;
    let paid = 0;
    pages.forEach((page, i) => {
      expect(page).toMatch(/Date\s+Entry\s+Qty\s+Rate\s+Collected\s+Paid\s+Balance/);
      expect(page).toContain('Supplier statement');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      const rows = page.split('\n').filter((l) => /^\s*2026-\d\d-\d\d \d\d:\d\d\s+(Green tea|Payment)/.test(l)).length;
      if (i > 0)
        expect(page).toMatch(
          new RegExp(
            `Carried forward\\s+${escape(money(collected))}\\s+${escape(money(paid))}\\s+${escape(money(collected - paid))}`,
          ),
        );
      for (const line of lines.slice(seen, seen + rows)) {
        if (line.kind === 'c') collected += line.amount;
        else paid += line.amount;
      }
      seen += rows;
      if (i < pages.length - 1) {
        // The bottom of this page carries forward exactly what its lines and the pages before add up to.
        const carried = page.match(/Carried forward.*$/gm)!.at(-1)!;
        expect(carried).toMatch(
          new RegExp(`${escape(money(collected))}\\s+${escape(money(paid))}\\s+${escape(money(collected - paid))}`),
        );
      }
    });
    expect(seen).toBe(2000);
    expect(pages.at(-1)).toMatch(new RegExp(`Closing balance\\s+${escape(money(collected - paid))}`));
  }, 180_000);
});

/** Every word of a wrapped cell on the page, in order (other columns' text may sit between its lines). */
function inOrder(text: string): RegExp {
  return new RegExp(text.split(/\s+/).map(escape).join('[\\s\\S]*?'));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&');
}
