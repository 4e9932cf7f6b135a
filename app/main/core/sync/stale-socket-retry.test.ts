import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../../shared';
import { HttpClient, SyncHttpError } from './http-client';
import { retryStaleSockets } from './stale-socket-retry';

/**
 * A server that closes every idle keep-alive socket the moment a second request arrives on it (the race of an
 * idle timeout, made certain): only a request on a fresh connection is answered.
 */
async function closingServer(): Promise<{ url: string; server: Server; answered: () => number }> {
  const served = new WeakSet<Socket>();
  let answered = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (served.has(req.socket)) {
        req.socket.destroy();
        return;
      }
      served.add(req.socket);
      answered += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ results: { success: [], conflicts: [], errors: [] }, server_time: String(answered) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, server, answered: () => answered };
}

const DEVICE = '00000000-0000-4000-8000-000000000001';

let server: Server | null = null;
afterEach(async () => {
  const open = server;
  server = null;
  if (!open) return;
  open.closeAllConnections();
  await new Promise((resolve) => open.close(resolve));
});

async function sendTen(client: HttpClient): Promise<{ ok: number; failures: SyncHttpError[] }> {
  let ok = 0;
  const failures: SyncHttpError[] = [];
  for (let i = 0; i < 10; i++) {
    try {
      await client.call(ROUTES.push, { device_id: DEVICE, batch: [i] }, { token: 'token' });
      ok += 1;
    } catch (error) {
      if (!(error instanceof SyncHttpError)) throw error;
      failures.push(error);
    }
  }
  return { ok, failures };
}

describe('a request that died on a reused keep-alive socket', () => {
  it('fails without the retry (the server really closes reused sockets)', async () => {
    const s = await closingServer();
    server = s.server;
    const result = await sendTen(new HttpClient(s.url, (input, init) => fetch(input, init)));
    expect(result.failures.length).toBeGreaterThan(0);
    expect(result.failures[0]!.kind).toBe('network');
  });

  it('is sent again on a fresh connection, so the desk sees no error', async () => {
    const s = await closingServer();
    server = s.server;
    const result = await sendTen(
      new HttpClient(
        s.url,
        retryStaleSockets((input, init) => fetch(input, init)),
      ),
    );
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(10);
    expect(s.answered()).toBe(10);
  });

  it('does not repeat a refused connection, nor a fresh connection cut before any answer', async () => {
    const failures = [
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET', socket: { bytesRead: 0 } }),
    ];
    for (const cause of failures) {
      let calls = 0;
      const failing = retryStaleSockets(async () => {
        calls += 1;
        throw new TypeError('fetch failed', { cause });
      });
      await expect(failing('http://127.0.0.1:9/x')).rejects.toThrow('fetch failed');
      expect(calls).toBe(1);
    }
  });
});
