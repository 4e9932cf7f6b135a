import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type TokenResponse } from '../../shared';
import { buildServer } from '../../server/src/app';
import type { ServerConfig } from '../../server/src/config';
import { testConfig } from '../../server/test/config';
import { createTestDatabase, type TestDatabase } from '../../server/test/mysql';
import { addUser } from '../../server/src/users/users';
import { op } from '../../server/test/harness';
import { awayFromMinuteEnd } from '../../server/test/minute';
import { skipLoudlyWithout } from '../../scripts/cluster/prerequisites';
import { redisUnavailable, startRedis, type LocalRedis } from '../../scripts/cluster/redis';
import { listenLive } from './sse';

const skip = skipLoudlyWithout('the multi-instance Redis tests (live fan-out, shared login limit)', redisUnavailable());
const PASSWORD = 'correct horse battery';

describe.skipIf(skip)('several instances sharing Redis', () => {
  let redis: LocalRedis;
  let test: TestDatabase;
  const apps: FastifyInstance[] = [];

  /** An in-process instance on the shared database, listening on a port of its own. */
  async function instance(overrides: Partial<ServerConfig>) {
    const app = await buildServer({ config: testConfig({ mysqlUrl: test.url, ...overrides }), db: test.db });
    await app.listen({ port: 0, host: '127.0.0.1' });
    apps.push(app);
    const address = app.server.address();
    return { app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
  }

  const login = (app: FastifyInstance, email = 'clerk@example.com', password = PASSWORD, deviceId = newId()) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password, device_id: deviceId },
    });

  beforeAll(async () => {
    redis = await startRedis();
    test = await createTestDatabase();
    await addUser(test.db, { email: 'clerk@example.com', password: PASSWORD, name: 'Clerk', role: 'clerk' });
    await addUser(test.db, { email: 'boss@example.com', password: PASSWORD, name: 'Boss', role: 'supervisor' });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await test?.drop();
    await redis?.stop();
  });

  it('a push on instance A is announced to a live subscriber of instance B, through Redis', async () => {
    const prefix = `t-${randomBytes(4).toString('hex')}:`;
    const a = await instance({ redisUrl: redis.url, redisPrefix: prefix });
    const b = await instance({ redisUrl: redis.url, redisPrefix: prefix });
    const boss = (await login(b.app, 'boss@example.com')).json() as TokenResponse;
    const onB = await listenLive(b.url, boss.access_token);
    const onA = await listenLive(a.url, boss.access_token);

    // A real push on A: B's subscriber hears its seq at once (B's own poll would take 5 s).

    const device = newId();
    const clerk = (await login(a.app, 'clerk@example.com', PASSWORD, device)).json() as TokenResponse;
    const push = await a.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { authorization: `Bearer ${clerk.access_token}` },
      payload: { device_id: device, batch: [op('suppliers', 'create', { uuid: newId(), code: 'RL-1', name: 'R' })] },
    });
    expect(push.json().results.success).toHaveLength(1);
    const clock = await test.db.selectFrom('sync_clock').select('seq').executeTakeFirstOrThrow();
    expect((await onB.until(Number(clock.seq))).cursor).toBe(Number(clock.seq));

    // Whatever is published on the channel reaches both instances' subscribers: the relay is Redis.
    const probe = new Redis(redis.url);
    await probe.publish(`${prefix}live`, 'not a seq');
    await probe.publish(`${prefix}live`, '999999');
    await Promise.all([onA.until(999999), onB.until(999999)]);
    probe.disconnect();
    // Junk on the channel was ignored: no subscriber heard anything but numbers.
    expect(onB.heard.every((h) => Number.isInteger(h.cursor))).toBe(true);
    onA.close();
    onB.close();
  });

  it('the login limit counts attempts on every instance together', async () => {
    const shared = {
      redisUrl: redis.url,
      redisPrefix: `t-${randomBytes(4).toString('hex')}:`,
      loginRateLimitPerMinute: 3,
    };
    const a = await instance(shared);
    const b = await instance(shared);
    await awayFromMinuteEnd();
    const statuses = [];
    for (const app of [a.app, b.app, a.app, b.app])
      statuses.push((await login(app, 'clerk@example.com', 'wrong')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);

    // Without Redis each instance counts alone: the same four attempts are never limited.
    const c = await instance({ loginRateLimitPerMinute: 3 });
    const d = await instance({ loginRateLimitPerMinute: 3 });
    const alone = [];
    for (const app of [c.app, d.app, c.app, d.app])
      alone.push((await login(app, 'boss@example.com', 'wrong')).statusCode);
    expect(alone).toEqual([401, 401, 401, 401]);
  });

  it('after Redis restarts, every instance subscribes again by itself', async () => {
    const own = await startRedis();
    const port = Number(new URL(own.url).port);
    const prefix = `t-${randomBytes(4).toString('hex')}:`;
    const a = await instance({ redisUrl: own.url, redisPrefix: prefix });
    const token = ((await login(a.app)).json() as TokenResponse).access_token;
    const live = await listenLive(a.url, token);
    await own.stop();
    const again = await startRedis(port);
    try {
      const probe = new Redis(again.url);
      // Publish until the instance is back on the channel (it reconnects within ~2 s).
      for (let i = 0; i < 50 && !live.heard.some((h) => h.cursor === 777777); i++) {
        await probe.publish(`${prefix}live`, '777777');
        await new Promise((r) => setTimeout(r, 200));
      }
      probe.disconnect();
      expect((await live.until(777777, 1000)).cursor).toBe(777777);
    } finally {
      live.close();
      await again.stop();
    }
  });

  it('Redis down: an instance still starts and signs people in', async () => {
    const { app } = await instance({ redisUrl: 'redis://127.0.0.1:1', redisPrefix: 'down:' });
    expect((await login(app)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });
});
