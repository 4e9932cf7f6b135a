import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfConcatWriter } from './pdf-concat';

const dir = mkdtempSync(join(tmpdir(), 'cp-pdf-concat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pdfOf(texts: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of texts) doc.addPage([300, 200]).drawText(text, { x: 20, y: 100, size: 14, font });
  // Object streams, as Chromium writes them.
  return doc.save({ useObjectStreams: true });
}

async function concat(parts: Uint8Array[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const writer = new PdfConcatWriter(out, 'Payslips — test');
  for (const part of parts) await writer.append(part);
  const { pages, bytes } = await writer.finish();
  const file = Buffer.concat(chunks);
  expect(bytes).toBe(file.length);
  expect(pages).toBe(writer.pages);
  return file;
}

describe('PdfConcatWriter', () => {
  it('writes the pages of every part, in order, as one valid PDF', async () => {
    const file = await concat([
      await pdfOf(['one', 'two']),
      await pdfOf(['three']),
      await pdfOf(['four', 'five', 'six']),
    ]);
    const path = join(dir, 'joined.pdf');
    writeFileSync(path, file);
    const info = spawnSync('pdfinfo', [path], { encoding: 'utf8' });
    // poppler reports any broken cross-reference or object on stderr (and repairs it silently otherwise).
    expect(info.stderr).toBe('');
    expect(info.stdout).toMatch(/Pages:\s+6/);
    expect(info.stdout).toMatch(/Title:\s+Payslips — test/);
    const pages = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })
      .split('\f')
      .map((p) => p.trim())
      .filter(Boolean);
    expect(pages).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
    const reread = await PDFDocument.load(file, { throwOnInvalidObject: true });
    expect(reread.getPageCount()).toBe(6);
  });

  it('writes a cross-reference entry at the exact offset of every object', async () => {
    const file = (await concat([await pdfOf(['a']), await pdfOf(['b'])])).toString('latin1');
    const xrefAt = Number(/startxref\s+(\d+)/.exec(file)![1]);
    const table = file.slice(xrefAt).split('trailer')[0]!;
    const lines = table.split('\n').slice(1);
    let number = 0;
    let checked = 0;
    for (const line of lines) {
      const section = /^(\d+) (\d+)$/.exec(line.trim());
      if (section) {
        number = Number(section[1]);
        continue;
      }
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
      if (!entry) continue;
      if (entry[3] === 'n') {
        expect(file.slice(Number(entry[1]), Number(entry[1]) + 20)).toMatch(new RegExp(`^${number} 0 obj`));
        checked++;
      }
      number++;
    }
    expect(checked).toBeGreaterThan(8);
  });
});
