import { BrowserWindow, dialog } from 'electron';
import { writeFileSync } from 'node:fs';
import type { ReportPrinter } from '../core/reports/printer';

/** Reports go through a hidden, script-less window: the system print dialog, or printToPDF and a save dialog. */
export function electronPrinter(parent: () => BrowserWindow | null): ReportPrinter {
  async function load(html: string): Promise<BrowserWindow> {
    const window = new BrowserWindow({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return window;
  }
  return {
    async print(html, { deviceName }) {
      const window = await load(html);
      return new Promise((resolve) => {
        window.webContents.print(
          { silent: false, printBackground: true, ...(deviceName ? { deviceName } : {}) },
          (success, reason) => {
            window.destroy();
            resolve(
              success
                ? { ok: true, message: 'Sent to the printer.' }
                : {
                    ok: false,
                    message: reason === 'cancelled' ? 'Printing was cancelled.' : `Printing failed: ${reason}`,
                  },
            );
          },
        );
      });
    },
    async savePdf(html, { paper, fileName }) {
      const owner = parent();
      const choice = owner
        ? await dialog.showSaveDialog(owner, { defaultPath: fileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] })
        : await dialog.showSaveDialog({ defaultPath: fileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
      if (choice.canceled || !choice.filePath) return { ok: false, message: 'Not saved.' };
      const window = await load(html);
      try {
        const pdf = await window.webContents.printToPDF({
          pageSize: paper,
          printBackground: true,
          preferCSSPageSize: true,
        });
        writeFileSync(choice.filePath, pdf);
        return { ok: true, message: `Saved ${choice.filePath}`, path: choice.filePath };
      } finally {
        window.destroy();
      }
    },
  };
}
