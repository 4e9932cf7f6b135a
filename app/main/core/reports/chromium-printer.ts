import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, htmlToPdf } from './chromium-pdf';
import type { ReportPrinter } from './printer';

/** Outside Electron (the browser test host): PDFs through Chromium into a folder; no system print dialog. */
export function chromiumPrinter(outDir: string): ReportPrinter {
  return {
    async print() {
      return { ok: false, message: 'Printing to a printer needs the desktop app; use Save as PDF here.' };
    },
    async savePdf(html, { paper, fileName }) {
      if (!findChromium()) return { ok: false, message: 'Saving a PDF needs Chromium on this machine.' };
      mkdirSync(outDir, { recursive: true });
      const path = join(outDir, fileName);
      writeFileSync(path, await htmlToPdf(html, paper));
      return { ok: true, message: `Saved ${path}`, path };
    },
  };
}
