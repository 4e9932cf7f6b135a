import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countRows, tempCore } from '../test-support';

type TempCore = Awaited<ReturnType<typeof tempCore>>;

/** A payment's update and void run like its create: one synchronous transaction in the connection's turn. */
describe('payment update and void on the synchronous path', () => {
  let core: TempCore;
  afterEach(async () => {
    vi.restoreAllMocks();
    await core?.cleanup();
  });

  async function seeded() {
    core = await tempCore();
    const supplier = await core.suppliers.create({ code: 'S-1', name: 'Amina' });
    const payment = await core.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 5000,
      type: 'advance',
      method: 'cash',
    });
    return { supplier, payment };
  }

  const counts = async () => ({ outbox: await countRows(core, 'outbox'), audit: await countRows(core, 'audit') });

  it('waits for an open Kysely transaction and starts from what it committed', async () => {
    const { payment } = await seeded();
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const kysely = core.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('payments')
        .set({ notes: 'set in the open transaction' })
        .where('uuid', '=', payment.uuid)
        .execute();
      await gate;
      await trx.updateTable('payments').set({ reference: 'R-9' }).where('uuid', '=', payment.uuid).execute();
    });
    await new Promise((resolve) => setImmediate(resolve)); // the Kysely transaction holds the connection
    const update = core.payments.update(payment.uuid, { amount_minor: 7000 });
    const voided = core.payments.void({ uuid: payment.uuid, reason: 'Entered twice' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      await core.sqlite.prepare('select amount_minor from payments where uuid = ?').pluck().get(payment.uuid),
    ).toBe(5000);
    finish();
    await kysely;
    const [updated, after] = await Promise.all([update, voided]);

    // Both read the row whole, after the Kysely commit: neither undid its notes or reference.
    expect(updated).toMatchObject({ amount_minor: 7000, notes: 'set in the open transaction', reference: 'R-9' });
    expect(after).toMatchObject({ amount_minor: 7000, reference: 'R-9', void_reason: 'Entered twice' });
    const audit = await core.db
      .selectFrom('audit')
      .selectAll()
      .where('entity_uuid', '=', payment.uuid)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'void']);
    expect(JSON.parse(audit[1]!.before!)).toMatchObject({ reference: 'R-9', amount_minor: 5000 });
    expect(JSON.parse(audit[2]!.before!)).toMatchObject({ amount_minor: 7000 });
  });

  it('leaves nothing and announces nothing when the write fails, and frees the connection', async () => {
    const { payment } = await seeded();
    const before = await counts();
    const announced = vi.fn();
    core.events.on('data.changed', announced);
    core.sqlite.exec(
      `create trigger fail_outbox before insert on outbox begin select raise(abort, 'disk on fire'); end`,
    );

    await expect(core.payments.update(payment.uuid, { amount_minor: 9000 })).rejects.toThrow('disk on fire');
    await expect(core.payments.void({ uuid: payment.uuid, reason: 'Entered twice' })).rejects.toThrow('disk on fire');
    expect(await counts()).toEqual(before);
    expect(await core.payments.get(payment.uuid)).toMatchObject({ amount_minor: 5000, voided_at: null });
    expect(announced).not.toHaveBeenCalled();

    core.sqlite.exec('drop trigger fail_outbox');
    await expect(core.payments.void({ uuid: payment.uuid, reason: 'Entered twice' })).resolves.toMatchObject({
      void_reason: 'Entered twice',
    });
    expect(announced).toHaveBeenCalledTimes(1);
  });

  it('keeps its checks: a voided payment is neither edited nor voided again, an unknown one is not found', async () => {
    const { payment } = await seeded();
    await core.payments.void({ uuid: payment.uuid, reason: 'Entered twice' });
    const before = await counts();
    await expect(core.payments.update(payment.uuid, { amount_minor: 1 })).rejects.toThrow('cannot be edited');
    await expect(core.payments.void({ uuid: payment.uuid, reason: 'again' })).rejects.toThrow('already voided');
    await expect(
      core.payments.void({ uuid: '0190a000-0000-7000-8000-000000000000', reason: 'none' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await counts()).toEqual(before);
  });

  it('runs six statements per edit, none of them prepared or compiled by Kysely', async () => {
    const { payment } = await seeded();
    await core.payments.update(payment.uuid, { amount_minor: 5001 }); // statements prepared once per connection

    const statement = Object.getPrototypeOf(core.sqlite.prepare('select 1')) as Database.Statement;
    const runs = (['run', 'get', 'all', 'iterate'] as const).map((method) => vi.spyOn(statement, method));
    const prepares = vi.spyOn(core.sqlite, 'prepare');
    const connections = vi.spyOn(core.db, 'connection');
    const edits = 5;
    for (let i = 0; i < edits; i++) await core.payments.update(payment.uuid, { amount_minor: 6000 + i });
    const executed = runs.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    const prepared = prepares.mock.calls.length;
    vi.restoreAllMocks();

    // begin, the row read, the row, its audit entry, its outbox op, commit (Kysely: begin, its read and
    // commit prepared anew on every edit, and the connection held through an async transaction).
    expect(executed / edits).toBe(6);
    expect(prepared).toBe(0);
    expect(connections).not.toHaveBeenCalled();
  });
});
