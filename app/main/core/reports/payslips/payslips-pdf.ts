import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { AppError, lineOrder } from '../../../../../shared';
import type { PaperSize } from '../paged-document';
import { PdfConcatWriter } from '../pdf-concat';
import type { ReportContext } from '../reports';
import { payslipsHtml, type PayslipRun } from './payslip';

/** Prints one HTML document to PDF bytes: Chromium outside Electron, printToPDF inside it. */
export type HtmlToPdf = (html: string, paper: PaperSize) => Promise<Uint8Array>;

export interface PayslipsPdfOptions {
  /** Suppliers per Chromium print: bounds memory (HTML and PDF of one chunk at a time). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Every payslip of a run, sorted by route and supplier code, into ONE PDF file — streamed: the payslips are
 * rendered and printed a chunk of suppliers at a time and each chunk's pages are written out before the next is
 * made, so memory stays flat however many suppliers the run has.
 */
export async function writePayslipsPdf(
  run: PayslipRun,
  ctx: ReportContext,
  path: string,
  toPdf: HtmlToPdf,
  options: PayslipsPdfOptions = {},
): Promise<{ path: string; pages: number; payslips: number; bytes: number }> {
  const chunkSize = Math.max(1, options.chunkSize ?? 250);
  const lines = [...run.lines].sort(lineOrder);
  if (lines.length === 0) throw new AppError('VALIDATION_FAILED', `${run.name} has no payslips to print`);
  const out = createWriteStream(path);
  // A full disk or a vanished folder surfaces here, and fails the print at the next chunk.
  let streamError: Error | null = null;
  out.on('error', (error) => (streamError ??= error));
  const writer = new PdfConcatWriter(out, `Payslips — ${run.name}`);
  try {
    for (let i = 0; i < lines.length; i += chunkSize) {
      const chunk = lines.slice(i, i + chunkSize);
      const { html, pages } = payslipsHtml(run, chunk, ctx);
      const added = await writer.append(await toPdf(html, ctx.paper));
      if (streamError) throw streamError;
      if (added !== pages)
        throw new Error(`the printer made ${added} pages of ${pages} for payslips ${i + 1}–${i + chunk.length}`);
      options.onProgress?.(i + chunk.length, lines.length);
    }
    const { pages, bytes } = await writer.finish();
    out.end();
    await finished(out);
    return { path, pages, payslips: lines.length, bytes };
  } catch (error) {
    // No half-written file is left behind to be mistaken for the payslips.
    out.destroy();
    await rm(path, { force: true });
    throw error;
  }
}
