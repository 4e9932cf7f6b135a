import { MemorySecretStore } from '../app/main/core/auth/secret-store';
import { createCore } from '../app/main/core/create-core';
import { renderReport } from '../app/main/core/reports/reports';
import { deskScript, peakMb } from './desk-process';

/**
 * Figure 6b's desk: a process of its own that opens the desk's SQLite file, prints one statement and reports its
 * memory, so the figure is the desk's and not the bench's (which holds its own fixtures and earlier figures).
 * Usage: node --import tsx bench/desk-statement.ts <sqlite file> <supplier uuid> <from> <to>
 */

const mb = (bytes: number) => Math.round(bytes / 1048576);

deskScript(async () => {
  const [filename, supplierUuid, from, to] = process.argv.slice(2);
  if (!filename || !supplierUuid || !from || !to)
    throw new Error('usage: desk-statement <file> <supplier> <from> <to>');
  const core = await createCore({
    filename,
    secrets: new MemorySecretStore(),
    session: { userId: 'bench', role: 'supervisor' },
  });
  const opened = mb(process.memoryUsage().rss);
  const report = await renderReport(
    core,
    { kind: 'statement', supplier_uuid: supplierUuid, from, to },
    {
      company: { name: 'Bench', address: '' },
      money: { currency: 'USD', locale: 'en-US' },
      paper: 'A4',
      printedBy: 'bench',
      printedAt: 'now',
    },
  );
  // Measured while the statement is still held, as the desk holds it to hand it to the print window.
  const after = mb(process.memoryUsage().rss);
  const peak = peakMb();
  await core.close();
  return { opened, after, peak, pages: report.pages, htmlMb: mb(report.html.length) };
});
