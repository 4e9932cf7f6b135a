import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTriggers } from '../../app/main/core/sync/triggers';
import { exportAll, serverExport, startOffice, syncUntilQuiet } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;
let seeded = 0;

async function seedReference(office: Office) {
  const boss = await office.desk('supervisor');
  const product = await boss.products.create({ code: `TEA-${++seeded}`, name: 'Green tea leaf', unit: 'kg' });
  await boss.rates.set({ product_uuid: product.uuid, rate_minor: 3275, effective_from: '2026-01-01' });
  const result = await boss.engine.sync('manual');
  if (result.pushed !== 2) throw new Error(`seeding failed: ${JSON.stringify(await boss.outbox.needsAttention())}`);
  return { boss, product };
}

describe('desk ↔ server sync (real server, MariaDB, SQLite files)', () => {
  let office: Office;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  it('the seed test: offline create → 1 pending; online + sync → 0 pending, row on the server', async () => {
    const desk = await office.desk('clerk');
    desk.network.online = false;
    const supplier = await desk.suppliers.create({ code: 'SEED-1', name: 'Offline supplier' });
    const offline = await desk.engine.sync('manual');
    expect(offline.outcome).toBe('error');
    expect((await desk.engine.refreshCounts()).pending).toBe(1);
    expect(desk.engine.status.state).toBe('offline');
    desk.network.online = true;
    const online = await desk.engine.sync('online');
    expect(online).toMatchObject({ outcome: 'success', pushed: 1 });
    expect((await desk.engine.refreshCounts()).pending).toBe(0);
    const row = await office.harness.test.db
      .selectFrom('suppliers')
      .selectAll()
      .where('uuid', '=', supplier.uuid)
      .executeTakeFirst();
    expect(row).toMatchObject({ code: 'SEED-1', name: 'Offline supplier', version: 1 });
    const local = await desk.suppliers.get(supplier.uuid);
    expect(local.version).toBe(1);
  });

  it('two desks converge: A works offline against its own new supplier, B edits that supplier', async () => {
    const { boss, product } = await seedReference(office);
    const a = await office.desk('clerk');
    const b = await office.desk('clerk');
    await syncUntilQuiet([a, b]);
    a.network.online = false;
    const supplier = await a.suppliers.create({ code: 'TWO-1', name: 'Shared supplier' });
    for (let i = 0; i < 50; i++) {
      await a.collections.create({
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        quantity_milli: 1000 + i * 37,
        collected_at: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}T07:00:00Z`,
      });
    }
    for (let i = 0; i < 10; i++) {
      await a.payments.create({
        supplier_uuid: supplier.uuid,
        amount_minor: 5000 + i,
        type: 'partial',
        method: 'cash',
        paid_at: '2026-11-21T10:00:00Z',
      });
    }
    expect((await a.engine.refreshCounts()).pending).toBe(61);
    a.network.online = true;
    expect((await a.engine.sync('online')).pushed).toBe(61);
    await b.engine.sync('manual');
    await b.suppliers.update(supplier.uuid, { phone: '0722 000 111' });
    await syncUntilQuiet([a, b, boss]);

    const [ea, eb, es] = [await exportAll(a), await exportAll(b), await serverExport(office.harness)];
    expect(ea).toEqual(es);
    expect(eb).toEqual(es);
    expect(JSON.stringify(ea)).toBe(JSON.stringify(eb));
    expect((await a.suppliers.get(supplier.uuid)).phone).toBe('0722 000 111');
    const [ba, bb] = [await a.balances.of(supplier.uuid), await b.balances.of(supplier.uuid)];
    expect(ba).toEqual(bb);
    expect(ba.collected_minor).toBe(
      es.collections
        .filter((c) => c.supplier_uuid === supplier.uuid)
        .reduce((s, c) => s + (c.amount_minor as number), 0),
    );
  });

  it('offline unlock works for a user who signed in before; a wrong password is refused', async () => {
    const desk = await office.desk('clerk');
    desk.network.online = false;
    await desk.auth.logout();
    expect(desk.auth.current).toBeNull();
    await expect(desk.auth.login('clerk@example.com', 'correct horse battery')).rejects.toThrow(/fetch failed|reach/);
    await expect(desk.auth.unlockOffline('clerk@example.com', 'wrong password')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    await expect(desk.auth.unlockOffline('admin@example.com', 'correct horse battery')).rejects.toThrow(
      /not signed in on this computer/,
    );
    const user = await desk.auth.unlockOffline('clerk@example.com', 'correct horse battery');
    expect(user).toMatchObject({ email: 'clerk@example.com', role: 'clerk', offline: true });
    await expect(desk.suppliers.create({ code: 'UNLOCKED', name: 'Made offline' })).resolves.toMatchObject({
      code: 'UNLOCKED',
    });
  });

  it('a refused op waits in "needs attention" with the server message; fixed and resent, it syncs', async () => {
    const a = await office.desk('clerk');
    const b = await office.desk('clerk');
    await a.suppliers.create({ code: 'DUP-1', name: 'First' });
    await a.engine.sync('manual');
    b.network.online = false;
    const late = await b.suppliers.create({ code: 'DUP-2', name: 'Second' });
    // B never saw A's supplier; make B's code clash with it the way two offline desks can.
    await b.db.updateTable('suppliers').set({ code: 'DUP-1' }).where('uuid', '=', late.uuid).execute();
    await b.db
      .updateTable('outbox')
      .set({ payload: JSON.stringify({ ...late, code: 'DUP-1', version: 0 }) })
      .where('entity_uuid', '=', late.uuid)
      .execute();
    b.network.online = true;
    const result = await b.engine.sync('manual');
    expect(result.errors).toBe(1);
    const [item] = await b.outbox.needsAttention();
    expect(item).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      fields: { code: 'is already used by another supplier' },
      entity_uuid: late.uuid,
    });
    expect((await b.engine.refreshCounts()).needsAttention).toBe(1);
    await expect(b.outbox.resend(item!.op_id, { code: '' })).rejects.toMatchObject({ fields: { code: 'is required' } });
    await b.outbox.resend(item!.op_id, { code: 'DUP-2' });
    const again = await b.engine.sync('manual');
    expect(again).toMatchObject({ pushed: 1, errors: 0 });
    expect(await b.outbox.needsAttention()).toEqual([]);
    const row = await office.harness.test.db
      .selectFrom('suppliers')
      .select('code')
      .where('uuid', '=', late.uuid)
      .executeTakeFirst();
    expect(row?.code).toBe('DUP-2');
  });

  it('never sends a collection before the offline-made supplier it belongs to', async () => {
    const { product } = await seedReference(office);
    const desk = await office.desk('clerk');
    await desk.engine.sync('manual');
    desk.network.online = false;
    const s = await desk.suppliers.create({ code: 'ORDER-1', name: 'Order' });
    await desk.collections.create({ supplier_uuid: s.uuid, product_uuid: product.uuid, quantity_milli: 1000 });
    // The supplier's create is stuck (a refused op): its collection must wait behind it.
    await desk.db
      .updateTable('outbox')
      .set({ status: 'error', last_error: '{}' })
      .where('entity_uuid', '=', s.uuid)
      .execute();
    desk.network.online = true;
    const result = await desk.engine.sync('manual');
    expect(result.pushed).toBe(0);
    expect((await desk.engine.refreshCounts()).pending).toBe(1);
  });

  it('runs one sync at a time, with at most one more queued', async () => {
    const desk = await office.desk('clerk');
    const before = await desk.db.selectFrom('sync_log').select('id').execute();
    const results = await Promise.all([
      desk.engine.sync('manual'),
      desk.engine.sync('focus'),
      desk.engine.sync('online'),
      desk.engine.sync('resume'),
    ]);
    const runs = (await desk.db.selectFrom('sync_log').select(['id', 'trigger']).execute()).slice(before.length);
    expect(runs).toHaveLength(2);
    expect(results[1]).toBe(results[2]);
    expect(results[2]).toBe(results[3]);
  });

  it('debounces a burst of local writes into one sync', async () => {
    const desk = await office.desk('clerk');
    const fired: string[] = [];
    const detach = attachTriggers(
      { trigger: (t: string) => fired.push(t) } as never,
      { localWrite: (fire) => desk.events.on('local-write', fire) },
      100,
    );
    for (let i = 0; i < 10; i++) await desk.suppliers.create({ code: `BURST-${i}-${Date.now()}`, name: 'Burst' });
    await new Promise((r) => setTimeout(r, 250));
    detach();
    expect(fired).toEqual(['local-write']);
  });

  it('live: a change pushed by A shows in B within 2 s with no manual sync', async () => {
    const a = await office.desk('clerk');
    const b = await office.desk('clerk');
    await b.engine.sync('manual');
    b.startLive();
    await new Promise((r) => setTimeout(r, 300));
    const supplier = await a.suppliers.create({ code: `LIVE-${Date.now()}`, name: 'Live one' });
    const pushedAt = Date.now();
    await a.engine.sync('local-write');
    let seenAt = 0;
    while (Date.now() - pushedAt < 2000) {
      const row = await b.db
        .selectFrom('suppliers')
        .select('uuid')
        .where('uuid', '=', supplier.uuid)
        .executeTakeFirst();
      if (row) {
        seenAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    b.stopLive();
    expect(seenAt).toBeGreaterThan(0);
    expect(seenAt - pushedAt).toBeLessThan(2000);
  });
});
