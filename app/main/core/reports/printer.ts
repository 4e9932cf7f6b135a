import type { PaperSize } from './paged-document';

/** How a rendered report reaches paper or a file: Electron's print/printToPDF in the app, Chromium elsewhere. */
export interface ReportPrinter {
  print(html: string, options: { paper: PaperSize; deviceName?: string }): Promise<{ ok: boolean; message: string }>;
  savePdf(
    html: string,
    options: { paper: PaperSize; fileName: string },
  ): Promise<{ ok: boolean; message: string; path?: string; download?: string }>;
}
