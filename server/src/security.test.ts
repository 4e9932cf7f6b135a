import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared';
import { op, pull, push, startHarness, type Harness } from '../test/harness';

describe('security', () => {
  let h: Harness;
  let port = 0;
  beforeAll(async () => {
    h = await startHarness({ requestTimeoutMs: 1500 });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => h?.close());

  it('stores SQL metacharacters and markup verbatim, and serves them back unchanged', async () => {
    const clerk = await h.desk('clerk');
    const nasty = `Robert'); DROP TABLE suppliers;-- "\\ %_ <script>alert(1)</script> ✓`;
    const uuid = newId();
    const res = await push(h, clerk, [
      op('suppliers', 'create', {
        uuid,
        code: 'SQL-1',
        name: nasty.slice(0, 120),
        notes: nasty,
        address: `' OR '1'='1`,
      }),
    ]);
    expect(res.body.results.success[0].entity).toMatchObject({
      name: nasty.slice(0, 120),
      notes: nasty,
      address: `' OR '1'='1`,
    });
    const pulled = await pull(h, clerk, { entity_types: ['suppliers'], limit: 1000 });
    expect(pulled.body.changes.suppliers.find((s: { uuid: string }) => s.uuid === uuid)).toMatchObject({
      notes: nasty,
    });
    const search = await h.test.db.selectFrom('suppliers').select('uuid').execute();
    expect(search.length).toBeGreaterThan(0);
  });

  it('refuses a push for another device id, even with a valid token', async () => {
    const a = await h.desk('clerk');
    const b = await h.desk('clerk');
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: a.auth,
      payload: { device_id: b.deviceId, batch: [op('suppliers', 'create', { uuid: newId(), code: 'X-1', name: 'x' })] },
    });
    expect(res.statusCode).toBe(403);
    expect(await h.test.db.selectFrom('suppliers').select('uuid').where('code', '=', 'X-1').execute()).toEqual([]);
  });

  it('cuts off a slow-loris client that never finishes its body', async () => {
    const closed = await new Promise<{ ms: number; answer: string }>((resolve) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":',
        );
      });
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('close', () => resolve({ ms: Date.now() - started, answer }));
      // Dribble a byte now and then, as a slow-loris does; never finish.
      const drip = setInterval(() => !socket.destroyed && socket.write(' '), 300);
      socket.on('close', () => clearInterval(drip));
    });
    expect(closed.ms).toBeLessThan(10_000);
    expect(closed.answer === '' || /^HTTP\/1\.1 408/.test(closed.answer)).toBe(true);
  });
});
