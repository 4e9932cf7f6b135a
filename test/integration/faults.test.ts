import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk } from '../../app/main/cli/open-desk';
import { startChaosProxy } from './chaos-proxy';
import { exportAll, PASSWORD, serverExport, startOffice, syncUntilQuiet } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;

/** A seeded random source, so a failing run can be replayed. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function createdOnce(office: Office, table: string): Promise<boolean> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from (select entity_uuid from audit where entity_type = ${table} and action = 'create' group by entity_uuid having count(*) > 1) d`.execute(
    office.harness.test.db,
  );
  return Number(rows[0]!.n) === 0;
}

describe('faults: cut connections and killed clients lose nothing and duplicate nothing', () => {
  let office: Office;
  let product: { uuid: string; code: string };
  beforeAll(async () => {
    office = await startOffice();
    const boss = await office.desk('supervisor');
    const p = await boss.products.create({ code: 'LATEX', name: 'Latex', unit: 'kg' });
    await boss.rates.set({ product_uuid: p.uuid, rate_minor: 12050, effective_from: '2026-01-01' });
    await boss.engine.sync('manual');
    product = p;
  });
  afterAll(async () => office?.close());

  it('a proxy cutting connections mid-push and mid-pull at random: retries converge', async () => {
    const port = Number(new URL(office.url).port);
    const random = seeded(4242);
    const proxy = await startChaosProxy(port, { cutProbability: 0.2, random });
    proxy.enabled = false;
    // This test is about the sync engine's own retries: the HTTP client's resend of a request cut on a reused
    // keep-alive socket (stale-socket-retry.test.ts) would absorb the proxy's cuts before the engine saw them.
    const a = await office.desk('clerk', { serverUrl: proxy.url, retryStaleSockets: false });
    const b = await office.desk('clerk');
    await a.engine.sync('login');
    proxy.enabled = true;
    const supplier = await a.suppliers.create({ code: 'CUT-1', name: 'Cut supplier' });
    for (let i = 0; i < 250; i++) {
      await a.collections.create({
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        quantity_milli: 500 + i,
        collected_at: '2026-11-20T07:00:00Z',
      });
    }
    // B writes directly so that A's pulls have pages to be cut.
    for (let i = 0; i < 300; i++) await b.suppliers.create({ code: `CUT-B-${i}`, name: `B supplier ${i}` });
    await b.engine.sync('manual');
    let attempts = 0;
    let failures = 0;
    for (; attempts < 200; attempts++) {
      const result = await a.engine.sync('retry');
      if (result.outcome === 'error') failures += 1;
      else if ((await a.engine.refreshCounts()).pending === 0) break;
    }
    expect(failures).toBeGreaterThan(0);
    expect(proxy.cuts).toBeGreaterThan(0);
    proxy.enabled = false;
    await syncUntilQuiet([a, b]);
    const server = await serverExport(office.harness);
    expect(server.collections.filter((c) => c.supplier_uuid === supplier.uuid)).toHaveLength(250);
    expect(await exportAll(a)).toEqual(server);
    expect(await createdOnce(office, 'collections')).toBe(true);
    expect((await a.engine.refreshCounts()).needsAttention).toBe(0);
    await proxy.close();
  }, 120_000);

  it('the headless client killed with SIGKILL at random points during 20 syncs: nothing lost or duplicated', async () => {
    const port = Number(new URL(office.url).port);
    const proxy = await startChaosProxy(port, { cutProbability: 0, latencyMs: 40 });
    const dataDir = join(office.dir, 'killed-desk');
    mkdirSync(dataDir, { recursive: true });
    const cli = (args: string[]) =>
      spawn(process.execPath, ['--import', 'tsx', 'app/main/cli/bin.ts', '--data-dir', dataDir, ...args], {
        stdio: 'pipe',
      });
    const run = (args: string[]) =>
      new Promise<number>((resolve) => {
        const child = cli(args);
        child.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await run(['--server', proxy.url, 'login', '--email', 'clerk@example.com', '--password', PASSWORD])).toBe(0);

    const random = seeded(7);
    let created = 0;
    let killed = 0;
    const supplierCode = 'KILL-1';
    for (let i = 0; i < 20; i++) {
      const desk = await openDesk({ dataDir });
      if (i === 0) await desk.suppliers.create({ code: supplierCode, name: 'Killed desk supplier' });
      const supplier = await desk.suppliers.getByCode(supplierCode);
      for (let j = 0; j < 40; j++) {
        await desk.collections.create({
          supplier_uuid: supplier.uuid,
          product_uuid: product.uuid,
          quantity_milli: 1000 + created,
          collected_at: '2026-11-22T07:00:00Z',
        });
        created += 1;
      }
      await desk.close();
      const child = cli(['sync']);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const delay = 250 + Math.floor(random() * 700);
      const timer = setTimeout(() => {
        if (child.exitCode === null) {
          killed += 1;
          child.kill('SIGKILL');
        }
      }, delay);
      await exited;
      clearTimeout(timer);
    }
    expect(killed).toBeGreaterThan(5);
    expect(await run(['sync'])).toBe(0);

    const desk = await openDesk({ dataDir });
    const counts = await desk.engine.refreshCounts();
    expect({ pending: counts.pending, needsAttention: counts.needsAttention }).toEqual({
      pending: 0,
      needsAttention: 0,
    });
    const supplier = await desk.suppliers.getByCode(supplierCode);
    const server = await serverExport(office.harness);
    const onServer = server.collections.filter((c) => c.supplier_uuid === supplier.uuid);
    expect(onServer).toHaveLength(created);
    expect(new Set(onServer.map((c) => c.quantity_milli)).size).toBe(created);
    expect(await createdOnce(office, 'collections')).toBe(true);
    const local = await exportAll(desk);
    expect(local.collections.filter((c) => c.supplier_uuid === supplier.uuid)).toEqual(onServer);
    await desk.close();
    await proxy.close();
  }, 240_000);
});
