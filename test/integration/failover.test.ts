import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/src/app';
import { testConfig } from '../../server/test/config';
import { serverExport, startOffice, syncUntilQuiet } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;

/** A second server instance on the office's database: stateless instances share nothing else. */
async function secondInstance(office: Office): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildServer({
    // testConfig's JWT secret is the harness's: a token from one instance is good on the other.
    config: testConfig({ mysqlUrl: office.harness.test.url }),
    db: office.harness.test.db,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

describe('desk failover: several server addresses', () => {
  let office: Office;
  let second: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    office = await startOffice();
    second = await secondInstance(office);
  });
  afterAll(async () => {
    await second?.app.close();
    await office?.close();
  });

  it('a desk whose first address is dead signs in and syncs through the next one', async () => {
    const desk = await office.desk('clerk', { serverUrl: `http://127.0.0.1:1, ${second.url}` });
    const supplier = await desk.suppliers.create({ code: `FO-${Date.now()}`, name: 'Failover supplier' });
    expect(await desk.engine.sync('manual')).toMatchObject({ outcome: 'success', pushed: 1 });
    const server = await serverExport(office.harness);
    expect(server.suppliers.map((s) => s.uuid)).toContain(supplier.uuid);
  });

  it('when the instance a desk uses dies, its next syncs and its live channel move to the other', async () => {
    const third = await secondInstance(office);
    const a = await office.desk('clerk', { serverUrl: `${third.url},${second.url}` });
    const b = await office.desk('clerk', { serverUrl: second.url });
    await syncUntilQuiet([a, b]);
    a.startLive();
    // The instance A uses goes away for good, mid-day.
    third.app.server.closeAllConnections();
    await third.app.close();

    const mine = await a.suppliers.create({ code: `FO-A-${Date.now()}`, name: 'Written after the crash' });
    expect(await a.engine.sync('manual')).toMatchObject({ outcome: 'success', pushed: 1 });

    // B's change reaches A by A's live channel, now reconnected to the surviving instance.
    const theirs = await b.suppliers.create({ code: `FO-B-${Date.now()}`, name: 'Pushed by B' });
    await b.engine.sync('manual');
    let seen = false;
    for (let i = 0; i < 200 && !seen; i++) {
      seen = Boolean(
        await a.db.selectFrom('suppliers').select('uuid').where('uuid', '=', theirs.uuid).executeTakeFirst(),
      );
      if (!seen) await new Promise((r) => setTimeout(r, 50));
    }
    a.stopLive();
    expect(seen).toBe(true);
    const server = await serverExport(office.harness);
    expect(server.suppliers.map((s) => s.uuid)).toEqual(expect.arrayContaining([mine.uuid, theirs.uuid]));
  });
});
