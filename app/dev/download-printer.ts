import { randomUUID } from 'node:crypto';
import { htmlToPdf, findChromium } from '../main/core/reports/chromium-pdf';
import type { ReportPrinter } from '../main/core/reports/printer';

export interface Downloads {
  printer: ReportPrinter;
  /** The PDF at a download path, if one was made here. */
  take(path: string): { fileName: string; pdf: Buffer } | null;
}

const SAFE_NAME = /[^A-Za-z0-9._-]/g;

/**
 * In a browser the desk's folders are not the user's: "Save as PDF" makes the PDF with Chromium and offers it as
 * a download from the host (a one-time address, kept in memory) instead of writing it somewhere on the host.
 */
export function downloadPrinter(): Downloads {
  const ready = new Map<string, { fileName: string; pdf: Buffer }>();
  return {
    printer: {
      async print() {
        return { ok: false, message: 'Printing to a printer needs the desktop app; use Save as PDF here.' };
      },
      async savePdf(html, { paper, fileName }) {
        if (!findChromium()) return { ok: false, message: 'Saving a PDF needs Chromium on this machine.' };
        const name = fileName.replace(SAFE_NAME, '_');
        const path = `/downloads/${randomUUID()}/${encodeURIComponent(name)}`;
        ready.set(path, { fileName: name, pdf: await htmlToPdf(html, paper) });
        return { ok: true, message: `Downloading ${name}`, download: path };
      },
    },
    take(path) {
      const found = ready.get(path) ?? null;
      ready.delete(path);
      return found;
    },
  };
}
