import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../server/src/sync/policy';
import { startOffice, syncUntilQuiet } from './desks';

describe('last_write_wins across desks uses hybrid logical clocks', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  beforeAll(async () => {
    office = await startOffice({ conflictPolicy: { ...DEFAULT_POLICY, suppliers: 'last_write_wins' } });
  });
  afterAll(async () => office?.close());

  it('a desk whose clock runs an hour ahead does not win over a truly later edit', async () => {
    const fast = await office.desk('clerk', { clock: () => Date.now() + 3_600_000 });
    const honest = await office.desk('clerk');
    const s = await honest.suppliers.create({ code: 'LWW-1', name: 'Clock' });
    await syncUntilQuiet([fast, honest]);
    fast.network.online = false;
    honest.network.online = false;
    await fast.suppliers.update(s.uuid, { phone: 'from the fast desk' });
    // Half a second later in real time (the server's skew estimate is good to a network round trip).
    await new Promise((r) => setTimeout(r, 500));
    await honest.suppliers.update(s.uuid, { phone: 'from the honest desk, later' });
    fast.network.online = true;
    honest.network.online = true;
    await fast.engine.sync('manual');
    const result = await honest.engine.sync('manual');
    expect(result.conflicts).toBe(1);
    await syncUntilQuiet([fast, honest]);
    for (const desk of [fast, honest])
      expect((await desk.suppliers.get(s.uuid)).phone).toBe('from the honest desk, later');
    const [conflict] = await honest.conflicts.list('all');
    expect(conflict).toMatchObject({ resolution: 'last_write_wins', status: 'auto' });
  });
});

describe('server_wins keeps the losing side, and a supervisor can restore it', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  it('restores the preserved desk version from the conflict', async () => {
    const boss = await office.desk('supervisor');
    const a = await office.desk('clerk');
    const b = await office.desk('clerk');
    const s = await a.suppliers.create({ code: 'SW-1', name: 'Server wins' });
    await syncUntilQuiet([a, b, boss]);
    b.network.online = false;
    await a.suppliers.update(s.uuid, { name: 'Name from A' });
    await b.suppliers.update(s.uuid, { name: 'Name from B' });
    await a.engine.sync('manual');
    b.network.online = true;
    expect((await b.engine.sync('manual')).conflicts).toBe(1);
    await syncUntilQuiet([a, b, boss]);
    expect((await b.suppliers.get(s.uuid)).name).toBe('Name from A');
    const [auto] = await boss.conflicts.list('auto');
    expect(auto).toMatchObject({ resolution: 'server_wins', client_data: { name: 'Name from B' } });
    await boss.conflicts.resolve({
      conflict_id: auto!.conflict_id,
      data: { name: String(auto!.client_data.name) },
      base_version: Number(auto!.current!.version),
    });
    await syncUntilQuiet([a, b, boss]);
    for (const desk of [a, b, boss]) expect((await desk.suppliers.get(s.uuid)).name).toBe('Name from B');
  });
});
