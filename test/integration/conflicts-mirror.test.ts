import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice } from './desks';

describe('conflict mirror on desks', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  it('a supervisor desk mirrors conflicts; a clerk desk sees its own turn resolved', async () => {
    const boss = await office.desk('supervisor');
    const a = await office.desk('clerk');
    const b = await office.desk('clerk');
    const supplier = await a.suppliers.create({ code: 'MIR-1', name: 'Mirror' });
    await a.engine.sync('manual');
    const payment = await a.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 1000,
      type: 'advance',
      method: 'cash',
    });
    await a.engine.sync('manual');
    await b.engine.sync('manual');
    a.network.online = false;
    await a.payments.update(payment.uuid, { amount_minor: 900 });
    await b.payments.update(payment.uuid, { amount_minor: 1100 });
    a.network.online = true;
    await a.engine.sync('manual');
    expect((await b.engine.sync('manual')).conflicts).toBe(1);
    const notices: string[] = [];
    boss.events.on('conflicts.new', (c) => notices.push(c.conflict_id));
    await boss.engine.sync('manual');
    const mirrored = await boss.conflicts.list('open');
    expect(mirrored).toHaveLength(1);
    expect(notices).toEqual([mirrored[0]!.conflict_id]);
    expect(mirrored[0]).toMatchObject({
      entity_type: 'payments',
      client_data: { amount_minor: 1100 },
      current: { amount_minor: 900, version: 2 },
    });
    await boss.conflicts.resolve({
      conflict_id: mirrored[0]!.conflict_id,
      data: { amount_minor: 1100 },
      base_version: 2,
    });
    await a.engine.sync('manual');
    await b.engine.sync('manual');
    expect((await b.conflicts.list('all'))[0]).toMatchObject({ status: 'resolved', resolved_by: 'The supervisor' });
    expect((await a.payments.get(payment.uuid)).amount_minor).toBe(1100);
  });
});
