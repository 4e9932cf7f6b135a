import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { htmlToPdf, launchChromium } from '../../app/main/core/reports/chromium-pdf';
import { writePayslipsPdf } from '../../app/main/core/reports/payslips/payslips-pdf';
import { SAMPLE_CONTEXT, sampleRun } from '../../app/main/core/reports/payslips/sample-run';
import type { ReportContext } from '../../app/main/core/reports/reports';
import type { BenchFigure } from '../figure';
import { now, rssMb, type Figure } from '../lib';

const CTX: ReportContext = { ...SAMPLE_CONTEXT, printedBy: 'Bench' };

/** Peak resident memory of this process while `work` runs, sampled every 50 ms. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number; ms: number }> {
  global.gc?.();
  let peak = rssMb();
  const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
  const t = now();
  try {
    const result = await work();
    return { result, peak: Math.max(peak, rssMb()), ms: now() - t };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Figure 16b: every payslip of a 10,000-supplier run into one PDF, streamed in chunks of 250. Raw: the same
 * writer on one chunk (250 payslips) — bounded memory means the peak hardly grows with the run (ratio ≈ 1).
 */
async function payslipsPdf(quick: boolean): Promise<Figure[]> {
  // Quick (CI, 300 s for the whole bench): two chunks still show whether the peak grows with the run.
  const suppliers = quick ? 500 : 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'cp-payslips-'));
  const browser = await launchChromium();
  try {
    const toPdf = (html: string, paper: ReportContext['paper']) => htmlToPdf(html, paper, browser);
    const small = sampleRun(250);
    const base = await peakRss(() => writePayslipsPdf(small, CTX, join(dir, 'one-chunk.pdf'), toPdf));
    const run = sampleRun(suppliers);
    const all = await peakRss(() => writePayslipsPdf(run, CTX, join(dir, 'all.pdf'), toPdf, { chunkSize: 250 }));
    if (all.result.pages !== suppliers) throw new Error(`${all.result.pages} pages for ${suppliers} payslips`);
    const mb = Math.round(statSync(join(dir, 'all.pdf')).size / 1048576);
    return [
      {
        id: '16b',
        name: `Payslips PDF of ${suppliers.toLocaleString('en')} suppliers, streamed (${mb} MB file, ${Math.round(all.ms / 1000)} s)`,
        value: all.peak,
        unit: 'MB peak RSS',
        baseline: base.peak,
        baselineName: '250 payslips',
        ratio: base.peak / Math.max(1, all.peak),
        target: '≤ 1.5× one chunk',
        met: all.peak <= 1.5 * base.peak,
      },
    ];
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const payslipsPdfFigure: BenchFigure = {
  id: '16b',
  name: 'Payslips PDF, streamed',
  unit: 'MB peak RSS',
  target: '≤ 1.5× one chunk',
  step: 'payslips PDF',
  run: (env) => payslipsPdf(env.quick),
};
