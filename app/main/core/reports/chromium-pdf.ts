import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { PaperSize } from './paged-document';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The Chromium to print with outside Electron (CHROMIUM_PATH, else the usual system paths), or null. */
export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error(
      'PDF needs Chromium: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH; HTML output works without it',
    );
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Prints report HTML to PDF with Chromium's print engine (the same one Electron's printToPDF uses). */
export async function htmlToPdf(html: string, paper: PaperSize, browser?: Browser): Promise<Buffer> {
  const own = browser ?? (await launchChromium());
  try {
    const page = await own.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: paper, preferCSSPageSize: true, printBackground: true });
    await page.close();
    return pdf;
  } finally {
    if (!browser) await own.close();
  }
}
