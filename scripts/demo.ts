/**
 * `npm run demo`: one command for anyone evaluating CollectPay. A demo database on the local MariaDB, a supervisor
 * and two clerks, three months of a Kenyan tea buyer's work, the server, and the desk (the desktop app, or where
 * Electron cannot run, the same UI in the browser). The office server can be taken down and brought back from
 * this terminal, to see the desk keep working offline and catch up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, emitKeypressEvents } from 'node:readline';
import { parseArgs } from 'node:util';
import { startTestHost, type TestHost } from '../app/dev/test-host';
import { DEMO_COMPANY } from '../app/main/core/desk/demo-settings';
import { JsonSettingsStore } from '../app/main/core/settings';
import { DEMO_USERS, openDemoOffice, type DemoOffice } from './demo-office';
import { ensureBuilt } from './ensure-built';

const USAGE = `Usage: npm run demo [-- options]

Starts a demo office: database, users, three months of a Kenyan tea buyer's data (shillings), the server, and a
desk — the desktop app, or the same UI in your browser where Electron cannot run.

Options:
  --browser            use the browser desk even where Electron could run
  --electron           use the desktop app (needs a display and the Electron binary)
  --port N             the office server's port (default 8787, or PORT)
  --desk-port N        the browser desk's port (default 5174, or DESK_PORT)
  --suppliers N        suppliers to seed into an empty demo database (default 40)
  --days N             days of collections to seed (default 90)
  -h, --help           this help

Environment: MYSQL_URL (default mysql://root@127.0.0.1:3306/collectpay_demo),
ORG_TIMEZONE (default Africa/Nairobi, the demo company's time zone).

While it runs, in this terminal:
  o   take the office server offline, or bring it back (the desk keeps working, then syncs)
  q   stop everything (Ctrl+C works too)`;

const OPTIONS = {
  browser: { type: 'boolean' },
  electron: { type: 'boolean' },
  port: { type: 'string' },
  'desk-port': { type: 'string' },
  suppliers: { type: 'string' },
  days: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function whole(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--${name} must be a whole number above zero`);
  return Number(value);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: OPTIONS, strict: true }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = whole('port', values.port ?? process.env.PORT, 8787);
  const deskPort = whole('desk-port', values['desk-port'] ?? process.env.DESK_PORT, 5174);
  const size = { suppliers: whole('suppliers', values.suppliers, 40), days: whole('days', values.days, 90) };

  const cleanups: (() => Promise<void> | void)[] = [];
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo…');
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
    process.exit(code);
  };
  // Ctrl+C reaches npm, tsx and this process alike, and tsx passes it on again: the first signal stops in order,
  // repeats are ignored, a third forces the exit (the desk folder still goes, in the 'exit' handler).
  let signals = 0;
  const onSignal = () => {
    signals += 1;
    if (signals === 1) void stop();
    else if (signals > 2) process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const office: DemoOffice = await openDemoOffice({
    mysqlUrl: process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/collectpay_demo',
    port,
    size,
    log: (line) => console.log(line),
  });
  cleanups.push(() => office.close());

  console.log(`\nCollectPay demo server: ${office.serverUrl}\nSign in with any of:`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(10)} ${u.email.padEnd(30)} password: ${u.password}`);

  const wantsElectron =
    values.electron || (!values.browser && (process.platform !== 'linux' || Boolean(process.env.DISPLAY)));
  const electron = wantsElectron ? await openElectron(office.serverUrl, office.config.orgTimeZone) : null;
  if (electron) cleanups.push(() => void electron.kill());
  else {
    const host = await openBrowserDesk(office.serverUrl, office.config.orgTimeZone, deskPort, cleanups);
    console.log(
      `\nOpen the desk in your browser: ${host.url}\n(Choose "Connect to your office server"; the address is filled in.)`,
    );
  }
  menu(office, () => void stop());
}

/** The desktop app; resolves null when Electron cannot start here. */
async function openElectron(serverUrl: string, orgTimeZone: string): Promise<ChildProcess | null> {
  ensureBuilt();
  return new Promise((resolve) => {
    const child = spawn('npx', ['electron-vite', 'preview'], {
      stdio: 'inherit',
      env: { ...process.env, COLLECTPAY_SERVER_URL: serverUrl, COLLECTPAY_DEMO: '1', ORG_TIMEZONE: orgTimeZone },
    });
    const timer = setTimeout(() => resolve(child), 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) console.log('\nElectron could not start here; opening the browser version instead.');
      resolve(null);
    });
  });
}

/** The same UI in a browser, on a desk of its own in a temporary folder that is removed when the demo stops. */
async function openBrowserDesk(
  serverUrl: string,
  orgTimeZone: string,
  port: number,
  cleanups: (() => Promise<void> | void)[],
): Promise<TestHost> {
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'collectpay-demo-desk-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  // Even when the demo ends some other way, the folder does not outlive it.
  process.once('exit', removeDir);
  cleanups.push(removeDir);
  new JsonSettingsStore(join(dataDir, 'settings.json')).set({ serverUrl, ...DEMO_COMPANY });
  const host = await startTestHost({ dataDir, staticDir: 'out/renderer', serverUrl, port, orgTimeZone });
  cleanups.push(() => host.close());
  return host;
}

/** Keys in a terminal; whole lines ("o", "offline", "online", "q") when stdin is a pipe. */
function menu(office: DemoOffice, quit: () => void): void {
  let busy = false;
  const toggle = async () => {
    if (busy) return;
    busy = true;
    try {
      if (office.up) {
        await office.stopServer();
        console.log('\nOffice server is DOWN. Keep working in the desk: it says "Offline" and queues every record.');
        console.log('Press o to bring the server back.');
      } else {
        await office.startServer();
        console.log(`\nOffice server is UP again at ${office.serverUrl}: the desk sends what it queued.`);
        console.log('Press o to take it down again.');
      }
    } catch (error) {
      console.log(`Could not switch the server: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const command = (text: string) => {
    const word = text.trim().toLowerCase();
    if (word === 'o' || (word === 'offline' && office.up) || (word === 'online' && !office.up)) void toggle();
    else if (word === 'q' || word === 'quit') quit();
  };
  console.log('\nPress o to take the office server offline (and back), q to stop.');
  if (process.stdin.isTTY) {
    emitKeypressEvents(process.stdin);
    process.stdin.setRawMode(true);
    process.stdin.on('keypress', (key: string | undefined, info: { ctrl?: boolean; name?: string }) => {
      if (info?.ctrl && info.name === 'c') quit();
      else if (key) command(key);
    });
  } else createInterface({ input: process.stdin }).on('line', command);
}

main().catch((error: unknown) => {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (/ECONNREFUSED|connect/i.test(String(error)))
    console.error('Is MariaDB/MySQL running on 127.0.0.1:3306? (See README: Quick start.)');
  process.exit(1);
});
