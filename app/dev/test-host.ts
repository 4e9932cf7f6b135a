import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocketServer } from 'ws';
import type { EventName } from '../../shared/ipc/contract';
import { serialPortSource } from '../main/serial/serialport-source';
import { FileSecretStore } from '../main/core/auth/secret-store';
import type { Core } from '../main/core/create-core';
import { DeskManager } from '../main/core/desk/desk-manager';
import { dispatch } from '../main/core/dispatch';
import { JsonSettingsStore } from '../main/core/settings';
import { ensureBuilt } from '../../scripts/ensure-built';
import { downloadPrinter } from './download-printer';

/**
 * The browser test host: runs the real core in Node and bridges the same typed contract to the renderer over
 * a WebSocket, serving the built renderer over http. Playwright drives the real UI in Chromium against the
 * real core, server and MySQL. Never part of the desktop app.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface TestHost {
  url: string;
  manager: DeskManager;
  /** The desk's database in use now (the demo one while exploring). */
  readonly core: Core;
  /**
   * Holds the answers on a channel until the returned release is called: a test sees the UI while the core is
   * slow to answer, without timing anything.
   */
  hold(channel: string): () => void;
  close(): Promise<void>;
}

export async function startTestHost(options: {
  dataDir: string;
  staticDir: string;
  port?: number;
  serverUrl?: string;
  /** The zone of a desk never connected; once connected the desk uses the office's, from the server. */
  orgTimeZone?: string;
}): Promise<TestHost> {
  mkdirSync(options.dataDir, { recursive: true });
  const settings = new JsonSettingsStore(join(options.dataDir, 'settings.json'));
  if (options.serverUrl && !settings.get().serverUrl) settings.set({ serverUrl: options.serverUrl });
  const downloads = downloadPrinter();
  const manager = await DeskManager.open({
    dataDir: options.dataDir,
    settings,
    printer: downloads.printer,
    secrets: new FileSecretStore(join(options.dataDir, 'secrets.json')),
    orgTimeZone: options.orgTimeZone ?? 'UTC',
    // The same serial adapter as the app, so browser tests can weigh on a scale played over a pseudo-terminal.
    scale: serialPortSource,
  });
  const root = resolve(options.staticDir);
  let port = 0;
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0]!);
    if (path.startsWith('/downloads/')) {
      const file = downloads.take((request.url ?? '').split('?')[0]!);
      if (!file) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('This download has expired: save the PDF again.');
        return;
      }
      response.writeHead(200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${file.fileName}"`,
        'cache-control': 'no-store',
      });
      response.end(file.pdf);
      return;
    }
    let file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    if (file.endsWith('index.html')) {
      // The shipped CSP allows no sockets; only this host's page may reach its own bridge.
      const html = readFileSync(file, 'utf8').replace(
        "connect-src 'self'",
        `connect-src 'self' ws://127.0.0.1:${port}`,
      );
      response.end(html);
      return;
    }
    createReadStream(file).pipe(response);
  });
  const held = new Map<string, Promise<void>>();
  const wss = new WebSocketServer({ server, path: '/bridge' });
  wss.on('connection', (socket) => {
    const unwire = manager.wire((event: EventName, payload) => socket.send(JSON.stringify({ event, payload })));
    socket.on('message', async (data) => {
      let message: { id?: number; channel?: unknown; input?: unknown };
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      await held.get(String(message.channel));
      const result = await dispatch(manager.api(), message.channel, message.input);
      socket.send(JSON.stringify({ id: message.id, result }));
    });
    socket.on('close', unwire);
  });
  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    manager,
    get core() {
      return manager.core;
    },
    hold(channel) {
      let release = () => {};
      held.set(channel, new Promise<void>((ok) => (release = ok)));
      return () => {
        held.delete(channel);
        release();
      };
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((ok) => wss.close(() => ok()));
      await new Promise<void>((ok) => server.close(() => ok()));
      await manager.close();
    },
  };
}
const USAGE = `Usage: npm run test-host -- [--server URL] [--port N] [--data-dir DIR] [--static DIR]

The desk's UI in a browser: the real core in Node, bridged to the built renderer over a WebSocket (development
and tests; never shipped). Defaults: --port 5174 --data-dir .data/test-host --static out/renderer.`;

if (process.argv[1] && /test-host\.[jt]s$/.test(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      server: { type: 'string' },
      static: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  ensureBuilt();
  startTestHost({
    dataDir: values['data-dir'] ?? '.data/test-host',
    staticDir: values.static ?? 'out/renderer',
    port: values.port ? Number(values.port) : 5174,
    serverUrl: values.server,
  }).then((host) => console.log(`Test host: ${host.url} (renderer over a WebSocket bridge to the real core)`));
}
