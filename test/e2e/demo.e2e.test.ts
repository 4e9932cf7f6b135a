import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createConnection } from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../app/main/core/reports/chromium-pdf';
import { TEST_MYSQL_SERVER } from '../../server/test/mysql';
import { typeCollection } from './office';
import { freePort } from '../../scripts/free-port';

const healthy = (url: string) =>
  fetch(`${url}/api/v1/health`).then(
    (r) => r.ok,
    () => false,
  );

/** `npm run demo` as a newcomer runs it: the browser desk, the offline switch, Ctrl+C, and nothing left behind. */
describe('npm run demo', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'collectpay-demo-test-'));
  const database = `cp_test_demo_${Date.now().toString(36)}`;
  let demo: ChildProcess | null = null;
  let browser: Browser | null = null;
  let output = '';
  afterAll(async () => {
    await browser?.close();
    try {
      if (demo?.pid) process.kill(-demo.pid, 'SIGKILL'); // whatever a failed run left running
    } catch {
      // Already gone: the test stopped it.
    }
    const connection = await createConnection({ uri: TEST_MYSQL_SERVER });
    await connection.query(`drop database if exists \`${database}\``);
    await connection.end();
    rmSync(tmp, { recursive: true, force: true });
  });

  const said = (text: string, timeout = 120_000) =>
    expect.poll(() => output, { timeout, interval: 200 }).toContain(text);

  it('a Kenyan tea buyer in shillings; the server taken down and up from the terminal; Ctrl+C leaves no desk folder', async () => {
    const [port, deskPort] = [await freePort(), await freePort()];
    const serverUrl = `http://127.0.0.1:${port}`;
    const url = new URL(TEST_MYSQL_SERVER);
    url.pathname = `/${database}`;
    demo = spawn(
      'npm',
      [
        'run',
        '--silent',
        'demo',
        '--',
        '--browser',
        '--port',
        String(port),
        '--desk-port',
        String(deskPort),
        '--suppliers',
        '6',
        '--days',
        '10',
      ],
      // Its own process group, so that "Ctrl+C" reaches npm, tsx and the demo together, as in a terminal.
      {
        detached: true,
        env: { ...process.env, MYSQL_URL: url.toString(), TMPDIR: tmp },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    demo.stdout!.on('data', (chunk) => (output += String(chunk)));
    demo.stderr!.on('data', (chunk) => (output += String(chunk)));
    await said(`Open the desk in your browser: http://127.0.0.1:${deskPort}`);
    const deskDirs = () => readdirSync(tmp).filter((name) => name.startsWith('collectpay-demo-desk-'));
    expect(deskDirs()).toHaveLength(1);
    const settings = JSON.parse(readFileSync(join(tmp, deskDirs()[0]!, 'settings.json'), 'utf8'));
    expect(settings).toMatchObject({
      currency: 'KES',
      locale: 'en-KE',
      companyName: 'Kericho Highlands Tea Buyers Ltd',
    });

    // The desk, in a browser: connect as a clerk, see shillings, and the company on paper.
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
    await page.goto(`http://127.0.0.1:${deskPort}`);
    await page.getByRole('button', { name: 'Connect…' }).click();
    const connect = page.getByRole('form', { name: 'Connect to server' });
    expect(await connect.getByLabel('Server address').inputValue()).toBe(serverUrl);
    await connect.getByLabel('Email').fill('clerk1@demo.collectpay');
    await connect.getByLabel('Password').fill('clerk-demo-1');
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('heading', { name: /^Today,/ }).waitFor();
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: /S-0001/ }).click();
    await expect.poll(() => page.getByTestId('supplier-balance').textContent()).toMatch(/^-?Ksh\s[\d,]+\.\d\d$/);
    await page.getByRole('button', { name: 'Statement' }).click();
    const preview = page.frameLocator('iframe[title="Report preview"]');
    await expect.poll(() => preview.locator('body').textContent(), { timeout: 15_000 }).toContain('Closing balance');
    expect(await preview.locator('.company').textContent()).toContain('Kericho Highlands Tea Buyers Ltd');
    expect(await preview.locator('body').textContent()).toMatch(/Ksh\s[\d,]+\.\d\d/);

    // "o" in the demo's terminal takes the server down: the desk says Offline and keeps working …
    const state = page.getByTestId('sync-state');
    await expect.poll(() => state.textContent(), { timeout: 20_000 }).toBe('Synced');
    demo.stdin!.write('o\n');
    await said('Office server is DOWN');
    expect(await healthy(serverUrl)).toBe(false);
    await expect.poll(() => state.textContent(), { timeout: 5_000 }).toBe('Offline');
    await page.keyboard.press('Control+2');
    await typeCollection(page, 'S-0002', '11.5');
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 pending');
    // … and "o" again brings it back: the queued collection goes up.
    demo.stdin!.write('o\n');
    await said('Office server is UP again');
    expect(await healthy(serverUrl)).toBe(true);
    await expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 30_000 }).toBe('0 pending');
    await expect.poll(() => state.textContent()).toBe('Synced');

    // Ctrl+C (SIGINT to the whole group, as a terminal sends it): everything stops, the desk folder goes.
    await browser.close();
    browser = null;
    process.kill(-demo.pid!, 'SIGINT');
    await said('Stopping the demo');
    await expect.poll(() => deskDirs(), { timeout: 20_000 }).toEqual([]);
    await expect.poll(() => healthy(serverUrl), { timeout: 20_000 }).toBe(false);
    await expect.poll(() => demo!.exitCode !== null || demo!.signalCode !== null, { timeout: 20_000 }).toBe(true);
    expect(output).not.toMatch(/Error|could not/i);
  });
});
