import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_TYPES, newId, type Role } from '../../shared';
import type { Core } from '../../app/main/core/create-core';
import { createDb, ensureDatabase, migrateServer } from '../../server/src/db/connection';
import { applyPush } from '../../server/src/sync/apply-push';
import { DEFAULT_POLICY } from '../../server/src/sync/policy';
import { op } from '../../server/test/harness';
import type { ServerDatabase } from '../../server/src/db/schema';
import { addUser } from '../../server/src/users/users';
import { clusterUnavailable, startLocalCluster, type LocalCluster } from '../../scripts/cluster/local-cluster';
import { skipLoudlyWithout } from '../../scripts/cluster/prerequisites';
import { waitFor } from '../../scripts/cluster/processes';
import { deskFactory, exportAll, exportServerDb, PASSWORD, syncUntilQuiet } from '../integration/desks';
import { pageRows, rawClient } from './http';
import { listenLive } from './sse';
import { clusterServers } from '../sim/cluster-servers';
import { simulate, summary } from '../sim/simulate';

const skip = skipLoudlyWithout(
  'the cluster tests (two instances behind HAProxy on a three-node Galera cluster, Redis)',
  clusterUnavailable(),
);

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

/**
 * Galera's count of local transactions aborted by certification or by a replicated write (each reaches the
 * client as ER_LOCK_DEADLOCK), summed over the given nodes.
 */
async function certificationAborts(cluster: LocalCluster, nodes = [0, 1, 2]): Promise<number> {
  let total = 0;
  for (const index of nodes) {
    const db = createDb(cluster.databaseUrl(index), 1);
    try {
      const { rows } = await sql<{ Value: string }>`show global status where Variable_name in
        ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')`.execute(db);
      total += rows.reduce((sum, r) => sum + Number(r.Value), 0);
    } finally {
      await db.destroy();
    }
  }
  return total;
}

/** Every entity row's seq, by uuid (the seq is server-only: desks and pulls never see it). */
async function seqsByUuid(db: Kysely<ServerDatabase>): Promise<Map<string, number>> {
  const seqs = new Map<string, number>();
  for (const type of ENTITY_TYPES) {
    const rows = await (db as unknown as Kysely<Record<string, { uuid: string; seq: number }>>)
      .selectFrom(type)
      .select(['uuid', 'seq'])
      .execute();
    for (const row of rows) seqs.set(row.uuid, Number(row.seq));
  }
  return seqs;
}

async function waitForRow(desk: Core, uuid: string, timeoutMs = 10_000): Promise<number> {
  await waitFor(
    `supplier ${uuid} on the listening desk`,
    async () =>
      Boolean(await desk.db.selectFrom('suppliers').select('uuid').where('uuid', '=', uuid).executeTakeFirst()),
    timeoutMs,
  );
  return Date.now();
}

describe.skipIf(skip)('several instances behind HAProxy on a three-node Galera cluster', () => {
  let dir: string;
  let galeraDir: string;
  let cluster: LocalCluster;
  /** Node 3 serves no instance: every check reads what replication brought there. */
  let node3: Kysely<ServerDatabase>;
  let desks: ReturnType<typeof deskFactory>;
  const desk = (role: Role = 'clerk', serverUrl?: string) =>
    desks.desk(role, serverUrl ? { serverUrl } : {}) as Promise<Core>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'collectpay-cluster-test-'));
    mkdirSync(join(dir, 'desks'));
    // Its own top-level directory: the database nodes run as the mysql user, which must reach it.
    galeraDir = mkdtempSync(join(tmpdir(), 'collectpay-galera-'));
    cluster = await startLocalCluster({
      dir: galeraDir,
      instanceEnv: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000', SHUTDOWN_DRAIN_MS: '2500', LOG_LEVEL: 'error' },
    });
    node3 = createDb(cluster.databaseUrl(2), 4);
    for (const role of ['clerk', 'supervisor', 'admin'] as Role[])
      await addUser(node3, { email: `${role}@example.com`, password: PASSWORD, name: `The ${role}`, role });
    desks = deskFactory(cluster.lb.url, join(dir, 'desks'));
  }, 240_000);

  afterAll(async () => {
    await desks?.closeAll();
    await node3?.destroy();
    await cluster?.stop();
    for (const d of [dir, galeraDir]) if (d) rmSync(d, { recursive: true, force: true });
  }, 120_000);

  it('two pushes committing on different nodes collide on the clock row: the loser gets a deadlock error and is retried', async () => {
    // A database of its own, reached directly on node 1 and node 2.
    const name = `cp_cert_${newId().slice(-8)}`;
    const url = (node: number) => `${cluster.galera.nodes[node]!.url}/${name}`;
    await ensureDatabase(url(0));
    const [one, two] = [createDb(url(0), 2), createDb(url(1), 2)];
    try {
      await migrateServer(one);
      const user = await addUser(one, {
        email: 'boss@example.com',
        password: PASSWORD,
        name: 'Boss',
        role: 'supervisor',
      });
      const context = (db: Kysely<ServerDatabase>) => ({
        db,
        claims: { sub: user.id, role: 'supervisor' as const, device_id: newId() },
        deviceId: newId(),
        policy: DEFAULT_POLICY,
        orgTimeZone: 'UTC',
      });
      // The bare mechanism first: the error Galera gives the loser is the one applyPush retries.
      const [c1, c2] = [await createConnection({ uri: url(0) }), await createConnection({ uri: url(1) })];
      await c1.query('begin');
      await c1.query('select seq from sync_clock where id = 1 for update');
      await c2.query('update sync_clock set seq = seq + 1 where id = 1');
      const lost = await c1
        .query('update sync_clock set seq = seq + 1 where id = 1')
        .then(() => c1.query('commit'))
        .then(
          () => 'committed',
          (error: { code?: string }) => error.code,
        );
      await c2.query('update sync_clock set seq = 0 where id = 1');
      await Promise.all([c1.end(), c2.end()]);
      expect(lost).toBe('ER_LOCK_DEADLOCK');

      const supplier = (code: string) => op('suppliers', 'create', { uuid: newId(), code, name: code });
      const failures: string[] = [];
      let attempts = 0;
      const abortsBefore = await certificationAborts(cluster, [0]);
      // Node 1's batch holds the clock row FOR UPDATE, a lock Galera does not share between nodes. Before it
      // commits, a batch on node 2 takes the same row and commits first: node 1's commit must fail.
      const first = await applyPush(
        {
          ...context(one),
          hooks: {
            async beforeCommit() {
              attempts += 1;
              if (attempts > 1) return;
              const other = await applyPush(context(two), [supplier('ON-NODE-2')]);
              if (other.results.success.length !== 1) failures.push('node 2 batch failed');
            },
          },
        },
        [supplier('ON-NODE-1-A'), supplier('ON-NODE-1-B')],
      );
      expect(failures).toEqual([]);
      // Node 1 aborted its transaction (certification or brute-force abort: ER_LOCK_DEADLOCK to the server),
      // and applyPush retried it once, then committed.
      expect(await certificationAborts(cluster, [0])).toBeGreaterThan(abortsBefore);
      expect(attempts).toBe(2);
      expect(first.results.success).toHaveLength(2);
      const rows = await one.selectFrom('suppliers').select(['code', 'seq']).orderBy('seq').execute();
      expect(rows.map((r) => [r.code, Number(r.seq)])).toEqual([
        ['ON-NODE-2', 1],
        ['ON-NODE-1-A', 2],
        ['ON-NODE-1-B', 3],
      ]);
    } finally {
      await one.destroy();
      await two.destroy();
      const admin = createDb(cluster.galera.nodes[0]!.url + '/mysql', 1);
      await sql`drop database if exists ${sql.id(name)}`.execute(admin);
      await admin.destroy();
    }
  }, 60_000);

  it('eight desks push through the load balancer while a puller pulls: every row once, seqs contiguous and in order', async () => {
    const boss = await desk('supervisor');
    const product = await boss.products.create({ code: 'TEA', name: 'Green leaf', unit: 'kg' });
    await boss.rates.set({ product_uuid: product.uuid, rate_minor: 2375, effective_from: '2020-01-01' });
    const suppliers: { uuid: string }[] = [];
    for (let i = 0; i < 16; i++) suppliers.push(await boss.suppliers.create({ code: `G-${i}`, name: `Grower ${i}` }));
    expect(await boss.engine.sync('manual')).toMatchObject({ outcome: 'success', pushed: 18 });
    const clerks = await Promise.all(Array.from({ length: 8 }, () => desk('clerk')));
    for (const clerk of clerks) await clerk.engine.sync('manual');
    const abortsBefore = await certificationAborts(cluster);

    // The puller pages through everything while the pushes land, 40 rows a page, each page through HAProxy
    // (so consecutive pages are served by different instances on different nodes).
    const puller = await rawClient(cluster.lb.url, 'admin@example.com', PASSWORD);
    let pushing = true;
    const pages: { after: number; cursor: number; uuids: string[] }[] = [];
    const pulling = (async () => {
      let cursor = '0';
      for (;;) {
        const last = !pushing;
        const page = await puller.pull(cursor, 40);
        pages.push({
          after: Number(cursor),
          cursor: Number(page.cursor),
          uuids: pageRows(page).map((r) => r.row.uuid),
        });
        cursor = page.cursor;
        if (!page.has_more && last) return;
        if (!page.has_more) await new Promise((r) => setTimeout(r, 20));
      }
    })();

    const perRound = 25;
    let rounds = 0;
    let failedSyncs = 0;
    /** Every clerk writes `perRound` collections and syncs, all at once. */
    const pushRound = () =>
      Promise.all(
        clerks.map(async (clerk, d) => {
          for (let i = 0; i < perRound; i++) {
            await clerk.collections.create({
              supplier_uuid: suppliers[(d * 7 + rounds * 3 + i) % suppliers.length]!.uuid,
              product_uuid: product.uuid,
              quantity_milli: 1000 + d * 100 + rounds * 10 + i,
            });
          }
          const result = await clerk.engine.sync('manual');
          if (result.outcome !== 'success') failedSyncs += 1;
        }),
      ).then(() => {
        rounds += 1;
      });
    for (let r = 0; r < 6; r++) await pushRound();
    // The retry on a lost certification is what this test is for: a push holds the clock row so briefly now that
    // six rounds sometimes pass without two nodes colliding, so rounds go on (at most ten more) until one has.
    while ((await certificationAborts(cluster)) === abortsBefore && rounds < 16) await pushRound();
    // A sync that failed (a push that lost certification five times over) is simply repeated by the desk.
    await syncUntilQuiet(clerks);
    pushing = false;
    await pulling;
    const aborts = (await certificationAborts(cluster)) - abortsBefore;

    const seqs = await seqsByUuid(node3);
    const clock = await node3.selectFrom('sync_clock').select('seq').executeTakeFirstOrThrow();
    const collections = await node3
      .selectFrom('collections')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(collections.n)).toBe(8 * rounds * perRound);
    // Only creates happened: the seqs are exactly 1..N, one per row, and the clock is N.
    const sorted = [...seqs.values()].sort((a, b) => a - b);
    expect(sorted).toEqual(sorted.map((_, i) => i + 1));
    expect(Number(clock.seq)).toBe(sorted.length);

    // The puller saw every row exactly once, each page strictly after the previous one.
    const pulled = pages.flatMap((p) => p.uuids);
    expect(new Set(pulled).size).toBe(pulled.length);
    expect(new Set(pulled)).toEqual(new Set(seqs.keys()));
    for (const page of pages) {
      const pageSeqs = page.uuids.map((u) => seqs.get(u)!);
      expect(pageSeqs.every((s) => s > page.after && s <= page.cursor)).toBe(true);
      if (pageSeqs.length) expect(Math.max(...pageSeqs)).toBe(page.cursor);
      expect(page.cursor).toBeGreaterThanOrEqual(page.after);
    }
    // Concurrent pushes on two nodes did collide on the clock row; the server retried them.
    expect(aborts).toBeGreaterThan(0);
    // Every desk holds exactly the server's rows.
    await syncUntilQuiet([boss, ...clerks]);
    const server = await exportServerDb(node3);
    for (const d of [boss, ...clerks]) expect(await exportAll(d)).toEqual(server);
    console.log(
      `cluster load: 8 desks × ${rounds * perRound} collections through HAProxy; ${pages.length} pull pages; ` +
        `${aborts} Galera certification/brute-force aborts retried; ${failedSyncs} of ${8 * rounds} syncs repeated`,
    );
  }, 240_000);

  it('desk-to-desk live latency: a push on instance 2 reaches a desk on instance 1 (measured)', async () => {
    const [app1, app2] = cluster.instances;
    const listener = await desk('clerk', app1.url);
    const across = await desk('clerk', app2.url);
    const same = await desk('clerk', app1.url);
    await syncUntilQuiet([listener, across, same]);
    listener.startLive();
    await new Promise((r) => setTimeout(r, 500));
    const once = async (writer: Core) => {
      const supplier = await writer.suppliers.create({ code: `L-${newId().slice(-8)}`, name: 'Live' });
      const started = Date.now();
      await writer.engine.sync('manual');
      return (await waitForRow(listener, supplier.uuid)) - started;
    };
    // Interleaved, so that a busy moment on this shared machine falls on both alike.
    const sameInstance: number[] = [];
    const acrossInstances: number[] = [];
    for (let i = 0; i < 15; i++) {
      sameInstance.push(await once(same));
      acrossInstances.push(await once(across));
    }
    listener.stopLive();
    const line = (l: number[]) => `p50 ${percentile(l, 50)} ms, max ${Math.max(...l)} ms`;
    console.log(
      `live latency, desk → desk (push + notice + pull): across instances (app2/node2 → app1/node1) ${line(acrossInstances)}; ` +
        `same instance ${line(sameInstance)}`,
    );
    expect(acrossInstances).toHaveLength(15);
  }, 120_000);

  it('through HAProxy: gzip both ways, and the live stream neither compressed nor buffered', async () => {
    const client = await rawClient(cluster.lb.url, 'supervisor@example.com', PASSWORD);
    const page = await client.post('/api/v1/sync/pull', { cursor: '0', limit: 500 });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-encoding')).toBe('gzip');
    const batch = Array.from({ length: 30 }, (_, i) => ({
      op_id: newId(),
      entity_type: 'suppliers',
      operation: 'create',
      data: { uuid: newId(), code: `GZ-${i}-${newId().slice(-6)}`, name: `Gzipped supplier ${i}` },
    }));
    const push = await client.post('/api/v1/sync/push', { batch }, { gzip: true });
    expect(push.status).toBe(200);
    expect((await push.json()).results.success).toHaveLength(30);

    const live = await listenLive(cluster.lb.url, client.token);
    expect(live.headers.get('content-type')).toContain('text/event-stream');
    expect(live.headers.get('content-encoding')).toBeNull();
    const one = [
      { ...batch[0]!, op_id: newId(), data: { uuid: newId(), code: `GZ-L-${newId().slice(-6)}`, name: 'L' } },
    ];
    await client.post('/api/v1/sync/push', { batch: one });
    const clock = await node3.selectFrom('sync_clock').select('seq').executeTakeFirstOrThrow();
    expect((await live.until(Number(clock.seq))).cursor).toBeGreaterThanOrEqual(Number(clock.seq));
    live.close();
  }, 60_000);

  it('an instance killed mid-day: HAProxy takes it out, desks carry on, and it comes back', async () => {
    const [app1] = cluster.instances;
    const a = await desk('clerk');
    const b = await desk('clerk');
    await syncUntilQuiet([a, b]);
    a.startLive();
    await app1.kill();
    const results = [];
    for (let i = 0; i < 5; i++) {
      await b.suppliers.create({ code: `K-${i}-${newId().slice(-6)}`, name: 'After the crash' });
      results.push((await b.engine.sync('manual')).outcome);
    }
    expect(results).toEqual(Array(5).fill('success'));
    await waitFor('HAProxy marking app1 down', async () => (await cluster.lb.serverStates()).app1 === 'DOWN', 15_000);
    // A's live stream (wherever it was) is on the surviving instance: B's next change reaches A unasked.
    const last = await b.suppliers.create({ code: `K-L-${newId().slice(-6)}`, name: 'Heard live' });
    await b.engine.sync('manual');
    await waitForRow(a, last.uuid, 15_000);
    a.stopLive();
    await app1.start();
    await waitFor('HAProxy taking app1 back', async () => (await cluster.lb.serverStates()).app1 === 'UP', 20_000);
  }, 90_000);

  it('draining: SIGTERM on an instance under load fails no request', async () => {
    const [, app2] = cluster.instances;
    const clients = await Promise.all(
      Array.from({ length: 4 }, () => rawClient(cluster.lb.url, 'clerk@example.com', PASSWORD)),
    );
    let running = true;
    const answers = new Map<number, number>();
    const load = clients.map(async (client) => {
      while (running) {
        const status = await client
          .post('/api/v1/sync/pull', { cursor: '0', limit: 20 })
          .then(async (r) => (await r.arrayBuffer(), r.status))
          .catch(() => 0);
        answers.set(status, (answers.get(status) ?? 0) + 1);
      }
    });
    await new Promise((r) => setTimeout(r, 500));
    const stopped = app2.stop();
    await waitFor('HAProxy draining app2', async () => (await cluster.lb.serverStates()).app2 !== 'UP', 10_000);
    await stopped;
    await new Promise((r) => setTimeout(r, 500));
    running = false;
    await Promise.all(load);
    console.log(`drain: answers during SIGTERM of app2: ${JSON.stringify(Object.fromEntries(answers))}`);
    expect([...answers.keys()]).toEqual([200]);
    await app2.start();
    await waitFor('HAProxy taking app2 back', async () => (await cluster.lb.serverStates()).app2 === 'UP', 20_000);
  }, 90_000);

  it('fault run: the simulation with instances killed and a Galera node lost; all six invariants hold after recovery', async () => {
    const report = await simulate({
      seed: 19,
      desks: 4,
      ops: 400,
      faults: true,
      servers: clusterServers(cluster.galera, cluster.redis.url),
    });
    console.log(summary(report));
    expect(report.invariants.filter((i) => !i.held).map((i) => `${i.name}: ${i.detail}`)).toEqual([]);
    expect(report.invariants).toHaveLength(6);
    expect(report.faults.databaseNodeKills).toBe(1);
    expect(report.faults.serverRestarts).toBeGreaterThan(0);
    expect(report.acknowledged).toBeGreaterThan(150);
  }, 400_000);
});
