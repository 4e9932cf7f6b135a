import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthProbe, probeServer, type Reachability } from './health-probe';

describe('health probe', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  async function serve(status: number): Promise<string> {
    const server = createServer((_req, res) => res.writeHead(status).end('{}'));
    servers.push(server);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/health`;
  }

  it('tells a server that answers, one that cannot serve, and one that is gone apart', async () => {
    expect(await probeServer(await serve(200))).toEqual({ ok: true });
    expect(await probeServer(await serve(503))).toMatchObject({ ok: false, message: /database may be down/ });
    const gone = await serve(200);
    servers.pop()!.close();
    expect(await probeServer(gone)).toEqual({ ok: false, message: 'The office server is not answering' });
  });

  it('reports only changes: gone at once, back later; and stops when told', async () => {
    const answers: Reachability[] = [
      { ok: true },
      { ok: false, message: 'gone' },
      { ok: false, message: 'gone' },
      { ok: true },
    ];
    let asked = 0;
    const seen: Reachability[] = [];
    const probe = new HealthProbe({
      check: async () => answers[Math.min(asked++, answers.length - 1)]!,
      onChange: (r) => seen.push(r),
      delaysMs: [5],
    });
    probe.start();
    await expect.poll(() => seen.length).toBe(2);
    expect(seen).toEqual([{ ok: false, message: 'gone' }, { ok: true }]);
    probe.stop();
    const after = asked;
    await new Promise((r) => setTimeout(r, 30));
    expect(asked).toBe(after);
  });
});
