import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictNotice } from '../../app/main/core/events';
import type { SyncStatus } from '../../app/main/core/sync/status';
import { startOffice } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;

/** Resolves with the first event of that kind the desk emits that passes `wanted`. */
function nextEvent<T>(
  on: (listener: (payload: T) => void) => () => void,
  wanted: (payload: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve) => {
    const off = on((payload) => {
      if (!wanted(payload)) return;
      off();
      resolve(payload);
    });
  });
}

/**
 * A new conflict is announced on the live channel (over the Redis bus), so every signed-in supervisor's desk
 * hears of it at once — not at its next local write.
 */
describe('a new conflict reaches the supervisor through the live channel', () => {
  let office: Office;
  beforeAll(async () => {
    office = await startOffice({
      redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      redisPrefix: `t-${randomBytes(4).toString('hex')}:`,
    });
  });
  afterAll(async () => office?.close());

  it('two desks change one payment; the supervisor desk emits the conflict and counts it in its status', async () => {
    const supervisor = await office.desk('supervisor');
    const a = await office.desk('clerk');
    const b = await office.desk('clerk');
    const supplier = await supervisor.suppliers.create({ code: `LC-${Date.now()}`, name: 'Live Conflict' });
    await supervisor.engine.sync('manual');
    await a.engine.sync('manual');
    const payment = await a.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 50_000,
      type: 'advance',
      method: 'cash',
    });
    await a.engine.sync('manual');
    await b.engine.sync('manual');
    await supervisor.engine.sync('manual');

    a.network.online = false;
    b.network.online = false;
    await a.payments.update(payment.uuid, { amount_minor: 45_000 });
    await b.payments.update(payment.uuid, { amount_minor: 55_000 });
    a.network.online = true;
    b.network.online = true;
    await a.engine.sync('online');

    // The supervisor's desk listens, and writes nothing itself from here on.
    supervisor.startLive();
    // Give its stream a moment to connect (as the live test in sync.test.ts does).
    await new Promise((r) => setTimeout(r, 300));
    const notice = nextEvent<ConflictNotice>((l) => supervisor.events.on('conflicts.new', l));
    const counted = nextEvent<SyncStatus>(
      (l) => supervisor.events.on('sync.status', l),
      (s) => s.openConflicts === 1,
    );
    expect((await b.engine.sync('online')).outcome).toBe('conflict');

    expect(await notice).toMatchObject({ entity_type: 'payments', entity_uuid: payment.uuid, status: 'open' });
    expect((await counted).openConflicts).toBe(1);
    expect((await supervisor.conflicts.list('open')).map((c) => c.entity_uuid)).toEqual([payment.uuid]);
    supervisor.stopLive();
  }, 30_000);
});
