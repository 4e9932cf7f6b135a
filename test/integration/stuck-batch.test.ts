import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;

/**
 * Issue 13: a desk is never stuck behind one op. The server here fails the whole batch (503) whenever it meets
 * one particular op, and answers its health check all along: the desk splits the batch until that op is alone,
 * sets it aside in "needs attention" with the server's message, and everything else syncs.
 */
describe('a batch the server keeps failing on', () => {
  let office: Office;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  it('is split until the failing op is alone; that op needs attention and the rest syncs', async () => {
    const clerk = await office.desk('clerk');
    const supplier = await clerk.suppliers.create({ code: 'STUCK-1', name: 'Stuck supplier' });
    await clerk.engine.sync('manual');
    const made: string[] = [];
    for (let i = 0; i < 9; i++) {
      const payment = await clerk.payments.create({
        supplier_uuid: supplier.uuid,
        amount_minor: 1000 + i,
        type: 'advance',
        method: 'cash',
        notes: i === 5 ? 'poison' : '',
      });
      made.push(payment.uuid);
    }
    office.harness.hooks.afterOp = (_index, op) => {
      if (op.data.notes === 'poison') throw new Error('the server cannot handle this op');
    };
    try {
      // Twice it is the server's trouble, retried later as usual; the third time the batch is split.
      expect((await clerk.engine.sync('manual')).outcome).toBe('error');
      expect((await clerk.engine.sync('manual')).outcome).toBe('error');
      const third = await clerk.engine.sync('manual');
      expect(third.outcome).toBe('success');
      expect(third.errors).toBe(1);
    } finally {
      office.harness.hooks.afterOp = undefined;
    }
    const attention = await clerk.outbox.needsAttention();
    expect(attention).toHaveLength(1);
    expect(attention[0]).toMatchObject({ entity_uuid: made[5], status: 503, code: 'UNAVAILABLE' });
    expect(attention[0]!.message).toMatch(/failed on this change every time/);
    expect(await clerk.outbox.pending()).toHaveLength(0);
    const { rows } = await sql<{
      uuid: string;
    }>`select uuid from payments where supplier_uuid = ${supplier.uuid}`.execute(office.harness.test.db);
    expect(rows.map((r) => r.uuid).sort()).toEqual(made.filter((_, i) => i !== 5).sort());
    expect(clerk.engine.status.needsAttention).toBe(1);
  });

  it('keeps retrying, without splitting, while the server says it cannot serve', async () => {
    const clerk = await office.desk('clerk');
    const supplier = await clerk.suppliers.create({ code: 'DOWN-1', name: 'Down supplier' });
    office.harness.hooks.afterOp = () => {
      throw new Error('every batch fails');
    };
    try {
      // The health check answers 503 here (draining), as it does when the database is down.
      office.harness.app.draining = true;
      for (let i = 0; i < 5; i++) expect((await clerk.engine.sync('manual')).outcome).toBe('error');
    } finally {
      office.harness.hooks.afterOp = undefined;
      office.harness.app.draining = false;
    }
    expect(await clerk.outbox.needsAttention()).toHaveLength(0);
    expect((await clerk.engine.sync('manual')).outcome).toBe('success');
    expect((await clerk.outbox.pending()).map((p) => p.entity_uuid)).not.toContain(supplier.uuid);
  });
});
