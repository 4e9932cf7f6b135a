import { sql } from 'kysely';
import { isAppError, PAYMENT_METHODS, type PaymentMethod } from '../../shared';
import { exportAll } from '../../app/main/core/io/export';
import { ENTITY_TYPES } from '../../shared';
import { exportServerDb } from '../integration/desks';
import { World, type SimDesk, type SimServers } from './world';
import type { PushHooks } from '../../server/src/sync/apply-push';
import { EXPECTED, HOSTILE_VICTIM_NOTE, hostileKinds, sendHostile, serverBugHook, type SentHostile } from './hostile';

export interface SimOptions {
  seed: number;
  desks: number;
  ops: number;
  faults: boolean;
  breakIdempotency?: boolean;
  /** A hostile desk sends every bad op of issue 13 among its normal work (test/sim/hostile.ts); default on. */
  hostile?: boolean;
  log?: (line: string) => void;
  /** The server side (a cluster, test/sim/cluster-servers.ts); one in-process server when not given. */
  servers?: (hooks: PushHooks) => Promise<SimServers>;
  /** Shown in the replay command: how to bring the same server side back (e.g. "--cluster on"). */
  replayFlags?: string;
}

export interface SimReport {
  seed: number;
  ops: number;
  acknowledged: number;
  kinds: Record<string, number>;
  faults: Record<string, number>;
  conflicts: number;
  invariants: { name: string; held: boolean; detail: string }[];
  ok: boolean;
  seconds: number;
  replay: string;
}

/** Seeded, replayable randomness (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ack {
  desk: string;
  op_id: string;
}

/**
 * What marks the supervisor desk's own payments, the only ones it voids. The server refuses an edit of a voided
 * payment made before the void was known (docs/hostile-input.md), so such an edit waits in "needs attention" and
 * its row stays as that desk has it until a person resends or discards it — which the simulation never does.
 * The other desks therefore leave these payments alone, as they leave the hostile desk's victims.
 */
const VOIDABLE_NOTE = 'supervisor payment, may be voided';

/**
 * A live row picked at random. The hostile desk's victim payments are left out: a row whose op waits in "needs
 * attention" stays as that desk has it until someone resolves the op, so nobody else may change it meanwhile.
 * `payments: 'voidable'` picks among the supervisor's own payments only; `'others'` leaves them out too.
 */
async function randomRow(
  desk: SimDesk,
  table: 'suppliers' | 'payments' | 'products',
  random: () => number,
  payments: 'voidable' | 'others' | 'any' = 'any',
) {
  const victim = table === 'payments' ? HOSTILE_VICTIM_NOTE : null;
  const query = desk.core.db
    .selectFrom(table)
    .where('deleted_at', 'is', null)
    .$if(victim !== null, (q) => q.where(sql.ref('notes'), 'is not', victim))
    .$if(table === 'payments' && payments === 'voidable', (q) => q.where(sql.ref('notes'), '=', VOIDABLE_NOTE))
    .$if(table === 'payments' && payments === 'others', (q) => q.where(sql.ref('notes'), 'is not', VOIDABLE_NOTE));
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(n) === 0) return undefined;
  return query
    .selectAll()
    .orderBy('uuid')
    .offset(Math.floor(random() * Number(n)))
    .limit(1)
    .executeTakeFirst();
}

/**
 * N desks do random realistic work against one server while faults strike; then everyone comes online and
 * syncs until quiet, and the promise of the product is checked: nothing acknowledged is lost, every desk and
 * the server agree, nothing is duplicated, balances add up, and nothing waits unseen.
 */
export async function simulate(options: SimOptions): Promise<SimReport> {
  const started = Date.now();
  const random = seeded(options.seed);
  const log = options.log ?? (() => undefined);
  const world = await World.create({
    desks: options.desks,
    random,
    faults: options.faults,
    breakIdempotency: options.breakIdempotency,
    servers: options.servers,
  });
  const acks: Ack[] = [];
  const kinds: Record<string, number> = {};
  const count = (kind: string) => (kinds[kind] = (kinds[kind] ?? 0) + 1);
  try {
    // Reference data from the supervisor desk, synced everywhere.
    const boss = world.desks[0]!;
    const product = await boss.core.products.create({ code: 'SIM-TEA', name: 'Tea', unit: 'kg' });
    await boss.core.rates.set({ product_uuid: product.uuid, rate_minor: 2375, effective_from: '2020-01-01' });
    await boss.core.engine.sync('manual');
    const hostile = options.hostile === false ? null : await world.addDesk('hostile', 'supervisor');
    if (hostile) serverBugHook(world.hooks);
    for (const desk of world.desks) await desk.core.engine.sync('manual');
    world.chaos = options.faults;
    const sentHostile: SentHostile[] = [];

    const acknowledged = async (desk: SimDesk, kind: string) => {
      const op = await desk.core.db
        .selectFrom('outbox')
        .select('op_id')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      acks.push({ desk: desk.name, op_id: op.op_id });
      count(kind);
    };
    const acknowledge = async (desk: SimDesk, kind: string, write: () => Promise<unknown>) => {
      try {
        await write();
      } catch (error) {
        if (isAppError(error)) return count(`refused:${kind}`);
        throw error;
      }
      await acknowledged(desk, kind);
    };

    for (let step = 0; step < options.ops; step++) {
      if (options.faults) await world.atStep(step, options.ops);
      const desk = world.pick(world.desks);
      const core = desk.core;
      const r = random();
      const stepStart = Date.now();
      const slow = () => Date.now() - stepStart > 5000 && log(`slow step ${step}: ${Date.now() - stepStart} ms`);
      if (desk === hostile) {
        // Every kind in turn among normal creates and syncs, so each bad op has good work queued behind it.
        const supplier = await randomRow(desk, 'suppliers', random);
        if (r < 0.4 && supplier) {
          const kinds = hostileKinds(!options.servers);
          const kind = kinds[sentHostile.length % kinds.length]!;
          const sent = await sendHostile(kind, {
            desk,
            supplierUuid: supplier.uuid,
            productUuid: product.uuid,
            random,
            acknowledged: (k) => acknowledged(desk, k),
          });
          if (sent) sentHostile.push(sent);
          count(sent ? `hostile:${kind}` : 'hostile-deferred');
        } else if (r < 0.8 && supplier) {
          await acknowledge(desk, 'payment', () =>
            core.payments.create({
              supplier_uuid: supplier.uuid,
              amount_minor: 100 + Math.floor(random() * 50_000),
              type: 'advance',
              method: 'cash',
            }),
          );
        } else {
          await core.engine.sync('manual');
        }
      } else if (r < 0.36) {
        const supplier = await randomRow(desk, 'suppliers', random);
        if (supplier)
          await acknowledge(desk, 'collection', () =>
            core.collections.create({
              supplier_uuid: supplier.uuid,
              product_uuid: product.uuid,
              quantity_milli: 500 + Math.floor(random() * 40_000),
            }),
          );
      } else if (r < 0.5) {
        const supplier = await randomRow(desk, 'suppliers', random);
        const method: PaymentMethod = world.pick([...PAYMENT_METHODS]);
        if (supplier)
          await acknowledge(desk, 'payment', () =>
            core.payments.create({
              supplier_uuid: supplier.uuid,
              amount_minor: 100 + Math.floor(random() * 50_000),
              type: 'partial',
              method,
              ...(desk === boss ? { notes: VOIDABLE_NOTE } : {}),
            }),
          );
      } else if (r < 0.58) {
        await acknowledge(desk, 'supplier', () =>
          core.suppliers.create({ code: `${desk.name}-${step}`, name: `Supplier ${step}` }),
        );
      } else if (r < 0.68) {
        const supplier = await randomRow(desk, 'suppliers', random);
        const patch =
          random() < 0.5
            ? { phone: `07${Math.floor(random() * 1e8)}` }
            : { address: `Plot ${Math.floor(random() * 999)}` };
        if (supplier) await acknowledge(desk, 'supplier-edit', () => core.suppliers.update(supplier.uuid, patch));
      } else if (r < 0.75) {
        const payment = await randomRow(desk, 'payments', random, desk === boss ? 'any' : 'others');
        if (payment && !payment.voided_at)
          await acknowledge(desk, 'payment-edit', () =>
            core.payments.update(payment.uuid, { amount_minor: 100 + Math.floor(random() * 50_000) }),
          );
      } else if (r < 0.77 && desk === boss) {
        const payment = await randomRow(desk, 'payments', random, 'voidable');
        if (payment && !payment.voided_at)
          await acknowledge(desk, 'void', () =>
            core.payments.void({ uuid: payment.uuid, reason: 'Simulated mistake' }),
          );
      } else if (r < 0.84) {
        desk.online = !desk.online;
        world.faults.offlineToggles += 1;
      } else if (r < 0.94 || !options.faults) {
        await core.engine.sync('manual');
        count('sync');
      } else {
        const fault = random();
        if (fault < 0.35) {
          // A crash after the server committed but before the desk read the answer.
          desk.loseNextResponse = true;
          await core.engine.sync('manual');
          await world.crash(desk);
        } else if (fault < 0.55) {
          await world.crash(desk);
        } else if (fault < 0.8) {
          // The server restarts while a batch is in flight.
          await Promise.all([
            core.engine.sync('manual'),
            new Promise((r2) => setTimeout(r2, Math.floor(random() * 15))).then(() => world.restartServer()),
          ]);
        } else {
          await Promise.all([
            core.engine.sync('manual'),
            new Promise((r2) => setTimeout(r2, Math.floor(random() * 10))).then(() => world.killMysqlConnections()),
          ]);
        }
      }
      slow();
      if (step % 500 === 0) log(`step ${step}: ${acks.length} acknowledged`);
    }

    // Quiesce: whatever was killed is back, everyone online, no chaos, sync until a full round moves nothing.
    await world.recover();
    world.chaos = false;
    for (const desk of world.desks) desk.online = true;
    let quiet = false;
    for (let round = 0; round < 25 && !quiet; round++) {
      let moved = 0;
      let pending = 0;
      for (const desk of world.desks) {
        const result = await desk.core.engine.sync('manual');
        moved += result.pushed + result.conflicts + (result.outcome === 'error' ? 1 : 0);
        pending += (await desk.core.engine.refreshCounts()).pending;
      }
      quiet = moved === 0 && pending === 0;
    }
    // One more pull everywhere, so every desk has seen the last pushes.
    for (const desk of world.desks) await desk.core.engine.sync('manual');

    return await check(world, options, acks, kinds, started, sentHostile);
  } finally {
    await world.close();
  }
}

async function check(
  world: World,
  options: SimOptions,
  acks: Ack[],
  kinds: Record<string, number>,
  started: number,
  sentHostile: SentHostile[] = [],
): Promise<SimReport> {
  const invariants: SimReport['invariants'] = [];
  const add = (name: string, held: boolean, detail: string) => invariants.push({ name, held, detail });

  // 5 first: what still waits, and whether each stopped op says why.
  const attention = new Map<string, Set<string>>();
  let pending = 0;
  let unexplained = 0;
  for (const desk of world.desks) {
    pending += (await desk.core.engine.refreshCounts()).pending;
    const stopped = await desk.core.outbox.needsAttention();
    attention.set(desk.name, new Set(stopped.map((s) => s.op_id)));
    unexplained += stopped.filter((s) => !s.message).length;
  }
  const stoppedOps = [...attention.values()].reduce((n, s) => n + s.size, 0);

  // 1. Every acknowledged write reached the server (applied, or kept as the losing side of a conflict).
  const db = world.db.db;
  const applied = new Set((await db.selectFrom('sync_ops').select('op_id').execute()).map((r) => r.op_id));
  const conflicted = new Set(
    (await db.selectFrom('conflicts').select('op_id').where('op_id', 'is not', null).execute()).map((r) => r.op_id!),
  );
  const lost = acks.filter(
    (a) => !applied.has(a.op_id) && !conflicted.has(a.op_id) && !attention.get(a.desk)?.has(a.op_id),
  );
  add(
    '1. every acknowledged write is on the server or preserved in a conflict',
    lost.length === 0,
    `${acks.length} acknowledged, ${lost.length} missing${lost.length ? ` (e.g. ${lost[0]!.op_id} from ${lost[0]!.desk})` : ''}`,
  );

  // 2. All desks hold exactly the server's data.
  const server = await exportServerDb(db);
  const serverJson = JSON.stringify(server);
  const differing: string[] = [];
  const exports = [];
  for (const desk of world.desks) {
    const data = await exportAll(desk.core);
    exports.push(data);
    if (JSON.stringify(data) !== serverJson) {
      const type = ENTITY_TYPES.find((t) => JSON.stringify(data[t]) !== JSON.stringify(server[t]))!;
      const mine = data[type] as Record<string, unknown>[];
      const row = mine.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(server[type][i]));
      const field = row < 0 ? undefined : Object.keys(mine[row]!).find((k) => mine[row]![k] !== server[type][row]?.[k]);
      differing.push(
        `${desk.name} (${type}: ${mine.length} vs ${server[type].length} rows${
          field
            ? `; first at ${String(mine[row]!.uuid)}.${field}: ${String(mine[row]![field])} vs ${String(server[type][row]?.[field])}`
            : ''
        })`,
      );
    }
  }
  add(
    '2. every desk holds exactly the server’s data',
    differing.length === 0,
    differing.length
      ? `differs: ${differing.join(', ')}`
      : `${world.desks.length} desks identical to the server (${Object.values(server).reduce((n, r) => n + r.length, 0)} rows)`,
  );

  // 3. No duplicates: one row per create, one application per op.
  const creates = acks.length
    ? await world.serverScalar(
        `select count(*) as n from (select entity_uuid from audit where action = 'create' group by entity_type, entity_uuid having count(*) > 1) d`,
      )
    : 0;
  const codes = await world.serverScalar(
    `select count(*) as n from (select code from suppliers group by code having count(*) > 1) d`,
  );
  const ackedCreates = (kinds.collection ?? 0) + (kinds.payment ?? 0) + (kinds.supplier ?? 0);
  const rows = server.collections.length + server.payments.length + server.suppliers.length;
  add(
    '3. no duplicate rows, no duplicate op applications',
    creates === 0 && codes === 0 && rows === ackedCreates,
    `${rows} rows for ${ackedCreates} acknowledged creates; ${creates} entities created twice; ${codes} repeated codes`,
  );

  // 4. Balances: equal on every desk and equal to an independent sum over the server's rows.
  let mismatches = 0;
  for (const supplier of server.suppliers) {
    const expected =
      server.collections
        .filter((c) => c.supplier_uuid === supplier.uuid && !c.deleted_at)
        .reduce((s, c) => s + (c.amount_minor as number), 0) -
      server.payments
        .filter((p) => p.supplier_uuid === supplier.uuid && !p.voided_at && !p.deleted_at)
        .reduce((s, p) => s + (p.amount_minor as number), 0);
    for (const desk of world.desks) {
      if ((await desk.core.balances.of(supplier.uuid as string)).balance_minor !== expected) mismatches += 1;
    }
  }
  add(
    '4. every balance equal everywhere and to an independent sum',
    mismatches === 0,
    `${server.suppliers.length} suppliers × ${world.desks.length} desks, ${mismatches} mismatches`,
  );

  add(
    '5. every outbox empty, except changes needing attention with a reason',
    pending === 0 && unexplained === 0,
    `${pending} pending, ${stoppedOps} need attention (${unexplained} without a reason)`,
  );

  // 6. The hostile desk: each bad op was answered on its own — refused with a reason, or a dispute kept —
  // and none holds up the queue (5 counts what still waits).
  if (options.hostile !== false) {
    const hostileAttention = attention.get('hostile') ?? new Set<string>();
    const misanswered = sentHostile.filter((h) =>
      EXPECTED[h.kind] === 'refused'
        ? !hostileAttention.has(h.op_id)
        : !conflicted.has(h.op_id) && !hostileAttention.has(h.op_id) && !applied.has(h.op_id),
    );
    const kindsSent = new Set(sentHostile.map((h) => h.kind)).size;
    const kindsMeant = hostileKinds(!options.servers).length;
    add(
      '6. every hostile op is refused with a reason or kept as a dispute, and nothing stalls behind it',
      misanswered.length === 0 && kindsSent === kindsMeant,
      `${sentHostile.length} hostile ops of ${kindsSent}/${kindsMeant} kinds; ${misanswered.length} answered otherwise${
        misanswered.length ? ` (e.g. ${misanswered[0]!.kind})` : ''
      }`,
    );
  }

  const faults = { ...world.faults, cutConnections: world.proxyCuts };
  const conflicts = await world.serverScalar('select count(*) as n from conflicts');
  return {
    seed: options.seed,
    ops: options.ops,
    acknowledged: acks.length,
    kinds,
    faults,
    conflicts,
    invariants,
    ok: invariants.every((i) => i.held),
    seconds: Math.round((Date.now() - started) / 1000),
    replay: `npm run sim -- --seed ${options.seed} --desks ${options.desks} --ops ${options.ops} --faults ${options.faults ? 'on' : 'off'}${options.breakIdempotency ? ' --break idempotency' : ''}${options.replayFlags ? ` ${options.replayFlags}` : ''}`,
  };
}

export function summary(report: SimReport): string {
  const lines = [
    `seed ${report.seed}: ${report.ops} steps, ${report.acknowledged} acknowledged writes in ${report.seconds} s; ${report.conflicts} conflicts stored`,
    `  work: ${Object.entries(report.kinds)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `  faults: ${Object.entries(report.faults)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    ...report.invariants.map((i) => `  ${i.held ? 'held  ' : 'FAILED'} ${i.name}: ${i.detail}`),
  ];
  if (!report.ok) lines.push(`  replay: ${report.replay}`);
  return lines.join('\n');
}
