import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../app/main/core/auth/secret-store';
import { createCore, type Core } from '../../app/main/core/create-core';
import { connectDesk } from '../../app/main/core/desk/connect';
import { createLocalAdmin } from '../../app/main/core/desk/local-admin';
import { exportAll, PASSWORD, serverExport, startOffice } from './desks';

async function localDesk(): Promise<Core> {
  const core = await createCore({
    filename: join(mkdtempSync(join(tmpdir(), 'collectpay-alone-')), 'desk.sqlite'),
    secrets: new MemorySecretStore(),
  });
  await createLocalAdmin(core, { name: 'Owner', email: 'owner@example.com', password: 'owner password' });
  return core;
}

describe('a desk used alone, connected to a server later', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  const cores: Core[] = [];
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => {
    for (const c of cores) await c.close();
    await office?.close();
  });

  it('a week of work (1,000 collections, 100 payments) arrives once; balances equal to the minor unit', async () => {
    const desk = await localDesk();
    cores.push(desk);
    const product = await desk.products.create({ code: 'TEA', name: 'Tea', unit: 'kg' });
    await desk.rates.set({ product_uuid: product.uuid, rate_minor: 2375, effective_from: '2026-01-01' });
    const suppliers = [];
    for (let i = 0; i < 25; i++)
      suppliers.push(await desk.suppliers.create({ code: `W-${i}`, name: `Week supplier ${i}` }));
    for (let i = 0; i < 1000; i++) {
      await desk.collections.create({
        supplier_uuid: suppliers[i % 25]!.uuid,
        product_uuid: product.uuid,
        quantity_milli: 1_000 + ((i * 7919) % 30_000),
        collected_at: new Date(Date.UTC(2026, 10, 16) + i * 600_000).toISOString(),
      });
    }
    for (let i = 0; i < 100; i++) {
      const p = await desk.payments.create({
        supplier_uuid: suppliers[i % 25]!.uuid,
        amount_minor: 5_000 + i * 13,
        type: 'partial',
        method: 'cash',
      });
      if (i % 20 === 0) await desk.payments.void({ uuid: p.uuid, reason: 'Paid twice' });
    }
    await desk.suppliers.update(suppliers[0]!.uuid, { phone: '0700 000 000' });
    expect((await desk.engine.sync('manual')).outcome).toBe('skipped');

    const result = await connectDesk(desk, {
      serverUrl: office.url,
      email: 'supervisor@example.com',
      password: PASSWORD,
    });
    expect(result.status).toBe('connected');
    expect(await desk.engine.refreshCounts()).toMatchObject({ pending: 0, needsAttention: 0 });
    const server = await serverExport(office.harness);
    expect(server.collections).toHaveLength(1000);
    expect(server.payments).toHaveLength(100);
    expect(server.suppliers).toHaveLength(25);
    const { rows } = await sql<{ n: number }>`select count(*) as n from audit where action = 'create'`.execute(
      office.harness.test.db,
    );
    expect(Number(rows[0]!.n)).toBe(1000 + 100 + 25 + 1 + 1);
    // Credited to the server user who connected.
    const supervisor = await office.harness.test.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'supervisor@example.com')
      .executeTakeFirstOrThrow();
    expect(new Set(server.collections.map((c) => c.created_by))).toEqual(new Set([supervisor.id]));
    expect(await exportAll(desk)).toEqual(server);
    for (const s of suppliers) {
      const onServer =
        server.collections
          .filter((c) => c.supplier_uuid === s.uuid)
          .reduce((t, c) => t + (c.amount_minor as number), 0) -
        server.payments
          .filter((p) => p.supplier_uuid === s.uuid && !p.voided_at)
          .reduce((t, p) => t + (p.amount_minor as number), 0);
      expect((await desk.balances.of(s.uuid)).balance_minor).toBe(onServer);
    }
  }, 180_000);

  it('stops before pushing when the server has the same supplier codes under other uuids; after mapping, no duplicate', async () => {
    const other = await office.desk('supervisor');
    const theirs = await other.suppliers.create({ code: 'DUP-7', name: 'Server copy' });
    await other.engine.sync('manual');
    const desk = await localDesk();
    cores.push(desk);
    const mine = await desk.suppliers.create({ code: 'dup-7', name: 'Desk copy' });
    const product = await desk.products.create({ code: 'MAP-TEA', name: 'Tea', unit: 'kg' });
    await desk.rates.set({ product_uuid: product.uuid, rate_minor: 1000, effective_from: '2026-01-01' });
    const collection = await desk.collections.create({
      supplier_uuid: mine.uuid,
      product_uuid: product.uuid,
      quantity_milli: 2_000,
    });
    const before = await sql<{ n: number }>`select count(*) as n from suppliers`.execute(office.harness.test.db);

    const first = await connectDesk(desk, {
      serverUrl: office.url,
      email: 'supervisor@example.com',
      password: PASSWORD,
    });
    expect(first.status).toBe('clashes');
    expect(first.message).toMatch(/nothing was sent/);
    expect(first.clashes.map((c) => ({ code: c.code, local: c.local_name, server: c.server_name }))).toEqual([
      { code: 'dup-7', local: 'Desk copy', server: 'Server copy' },
    ]);
    const untouched = await sql<{ n: number }>`select count(*) as n from suppliers`.execute(office.harness.test.db);
    expect(Number(untouched.rows[0]!.n)).toBe(Number(before.rows[0]!.n));
    expect((await desk.engine.sync('local-write')).outcome).toBe('skipped');

    const second = await connectDesk(
      desk,
      { serverUrl: office.url, email: 'supervisor@example.com', password: PASSWORD },
      {
        decisions: [
          { local_uuid: mine.uuid, action: 'merge' },
          ...first.clashes
            .filter((c) => c.entity_type === 'products')
            .map((c) => ({ local_uuid: c.local_uuid, action: 'merge' as const })),
        ],
      },
    );
    expect(second.status).toBe('connected');
    const dups = await office.harness.test.db.selectFrom('suppliers').selectAll().where('code', '=', 'DUP-7').execute();
    expect(dups).toHaveLength(1);
    const pushed = await office.harness.test.db
      .selectFrom('collections')
      .selectAll()
      .where('uuid', '=', collection.uuid)
      .executeTakeFirstOrThrow();
    expect(pushed.supplier_uuid).toBe(theirs.uuid);
    expect((await desk.balances.of(theirs.uuid)).balance_minor).toBe(2000);
    const trail = await desk.audit.forEntity(mine.uuid);
    expect(trail.map((t) => t.action)).toContain('map');
  }, 60_000);
});
