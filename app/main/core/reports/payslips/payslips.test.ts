import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountInWords, formatMoney, lineOrder } from '../../../../../shared';
import { htmlToPdf, launchChromium } from '../chromium-pdf';
import type { ReportContext } from '../reports';
import { renderPayslip } from './payslip';
import { writePayslipsPdf } from './payslips-pdf';
import { SAMPLE_CONTEXT, sampleRun } from './sample-run';

const CTX = SAMPLE_CONTEXT;
/** As pdftotext prints it: Intl's no-break space comes out as a plain one. */
const money = (minor: number) => formatMoney(minor, CTX.money).replace(/\u00a0/g, ' ');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('payslips', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'cp-payslips-'));
  const toPdf = (html: string, paper: ReportContext['paper']) => htmlToPdf(html, paper, browser);

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one page per supplier, sorted by route then code, into one PDF, a chunk at a time', async () => {
    const run = sampleRun(7);
    const progress: number[] = [];
    const path = join(dir, 'payslips.pdf');
    const result = await writePayslipsPdf(run, CTX, path, toPdf, {
      chunkSize: 3,
      onProgress: (done) => progress.push(done),
    });
    expect(result).toMatchObject({ pages: 7, payslips: 7 });
    expect(progress).toEqual([3, 6, 7]);
    expect(spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stderr).toBe('');
    const pages = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
      .replace(/\u00a0/g, ' ')
      .split('\f')
      .filter((p) => p.trim());
    const lines = [...run.lines].sort(lineOrder);
    expect(lines.map((l) => l.route)).toEqual([
      'Chepkoton',
      'Chepkoton',
      'Chepkoton',
      'Chepkoton',
      'Kapsoit',
      'Kapsoit',
      'Kapsoit',
    ]);
    expect(pages).toHaveLength(7);
    pages.forEach((page, i) => {
      const line = lines[i]!;
      expect(page).toContain(`${line.supplier_code} — ${line.supplier_name}`);
      expect(page).toContain(`Route ${line.route}`);
      expect(page).toContain('Page 1 of 1');
      expect(page).toMatch(new RegExp(`Gross pay\\s+${escape(money(line.gross_minor))}`));
      expect(page).toMatch(new RegExp(`Net pay\\s+${escape(money(line.net_minor))}`));
      expect(page.replace(/\s+/g, ' ')).toContain(amountInWords(line.net_minor, 'KES'));
      for (const d of line.deductions) expect(page).toContain(money(d.amount_minor));
      if (line.carried_forward_minor > 0)
        expect(page).toMatch(
          new RegExp(`Carried forward to the next run\\s+${escape(money(line.carried_forward_minor))}`),
        );
      if (line.credits.length > 0)
        expect(page).toMatch(
          new RegExp(`Credit remaining after this run\\s+${escape(money(line.credit_remaining_minor))}`),
        );
    });
    // The supplier with nothing delivered still sees the debt carried on.
    const idle = pages.find((p) => p.includes('Otieno Ouma'))!;
    expect(idle).toContain('No deliveries in this period.');
    expect(idle).toMatch(/Brought forward: Society fee\s+Ksh\s150\.00\s+Ksh\s0\.00\s+Ksh\s150\.00/);
  }, 120_000);

  it('prints a single supplier’s payslip for the supplier screen', () => {
    const run = sampleRun(3);
    const line = run.lines[0]!;
    const one = renderPayslip(run, line.supplier_uuid, CTX);
    expect(one).toMatchObject({ title: 'Payslip', pages: 1, fileName: `payslip-2026-11-${line.supplier_code}` });
    expect(one.html).toContain(line.supplier_name);
    expect(() => renderPayslip(run, '00000000-0000-4000-8000-999999999999', CTX)).toThrow('was not found');
    expect(renderPayslip({ ...run, kind: 'bonus' }, line.supplier_uuid, CTX).title).toBe('Second payment slip');
  });

  it('says the period once: a run named by its period (the default) does not repeat it', () => {
    const run = sampleRun(1);
    const uuid = run.lines[0]!.supplier_uuid;
    expect(renderPayslip(run, uuid, CTX).html).toContain('Period 2026-11-01 to 2026-11-30');
    const named = { ...run, name: `Pay run ${run.period.from} to ${run.period.to}` };
    const html = renderPayslip(named, uuid, CTX).html;
    expect(html).toContain('Pay run 2026-11-01 to 2026-11-30 (2026-11)');
    expect(html).not.toContain('Period 2026-11-01');
  });

  it('refuses an empty run, and leaves no half-written file when printing fails', async () => {
    const path = join(dir, 'failed.pdf');
    await expect(writePayslipsPdf({ ...sampleRun(1), lines: [] }, CTX, path, toPdf)).rejects.toThrow(
      'has no payslips to print',
    );
    let calls = 0;
    const failing = async (html: string, paper: ReportContext['paper']) => {
      if (++calls === 2) throw new Error('Chromium went away');
      return toPdf(html, paper);
    };
    await expect(writePayslipsPdf(sampleRun(4), CTX, path, failing, { chunkSize: 2 })).rejects.toThrow(
      'Chromium went away',
    );
    expect(existsSync(path)).toBe(false);
  }, 60_000);
});
