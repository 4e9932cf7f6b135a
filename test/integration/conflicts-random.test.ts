import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAll, serverExport, startOffice, syncUntilQuiet } from './desks';

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('no conflict is ever lost', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  it('two desks editing the same rows offline at random: stored conflicts = conflicting ops, everywhere', async () => {
    const random = seeded(20261126);
    const a = await office.desk('clerk');
    const b = await office.desk('clerk');
    const suppliers = [];
    for (let i = 0; i < 4; i++) suppliers.push(await a.suppliers.create({ code: `RND-${i}`, name: `Random ${i}` }));
    const payments = [];
    for (let i = 0; i < 4; i++)
      payments.push(
        await a.payments.create({
          supplier_uuid: suppliers[i]!.uuid,
          amount_minor: 10_000 + i,
          type: 'advance',
          method: 'cash',
        }),
      );
    await syncUntilQuiet([a, b]);

    let reported = 0;
    for (let round = 0; round < 15; round++) {
      a.network.online = false;
      b.network.online = false;
      for (const desk of [a, b]) {
        const edits = 1 + Math.floor(random() * 3);
        for (let e = 0; e < edits; e++) {
          const pick = Math.floor(random() * 4);
          const what = random();
          if (what < 0.4)
            await desk.payments.update(payments[pick]!.uuid, { amount_minor: 1_000 + Math.floor(random() * 90_000) });
          else if (what < 0.6)
            await desk.payments.update(payments[pick]!.uuid, { reference: `R${Math.floor(random() * 1000)}` });
          else if (what < 0.8)
            await desk.suppliers.update(suppliers[pick]!.uuid, { phone: `07${Math.floor(random() * 1e8)}` });
          else await desk.suppliers.update(suppliers[pick]!.uuid, { address: `Plot ${Math.floor(random() * 500)}` });
        }
      }
      a.network.online = true;
      b.network.online = true;
      for (const desk of random() < 0.5 ? [a, b] : [b, a]) reported += (await desk.engine.sync('manual')).conflicts;
      await syncUntilQuiet([a, b]);
    }
    const { rows } = await sql<{ n: number }>`select count(*) as n from conflicts`.execute(office.harness.test.db);
    const onServer = Number(rows[0]!.n);
    const local = (await a.conflicts.list('all')).length + (await b.conflicts.list('all')).length;
    expect(reported).toBeGreaterThan(3);
    expect(onServer).toBe(reported);
    expect(local).toBe(reported);
    // And both desks still agree with the server on every row.
    const server = await serverExport(office.harness);
    expect(await exportAll(a)).toEqual(server);
    expect(await exportAll(b)).toEqual(server);
  }, 120_000);

  it('desk A edits a supplier phone and desk B its address offline: merged, both kept, no conflict', async () => {
    const a = await office.desk('clerk');
    const b = await office.desk('clerk');
    const s = await a.suppliers.create({ code: 'MERGE-1', name: 'Merge' });
    await syncUntilQuiet([a, b]);
    a.network.online = false;
    b.network.online = false;
    await a.suppliers.update(s.uuid, { phone: '0711 000 000' });
    await b.suppliers.update(s.uuid, { address: 'Plot 9, Litein' });
    a.network.online = true;
    b.network.online = true;
    const results = [await a.engine.sync('manual'), await b.engine.sync('manual')];
    expect(results.map((r) => r.conflicts)).toEqual([0, 0]);
    await syncUntilQuiet([a, b]);
    for (const desk of [a, b])
      expect(await desk.suppliers.get(s.uuid)).toMatchObject({ phone: '0711 000 000', address: 'Plot 9, Litein' });
  });
});
