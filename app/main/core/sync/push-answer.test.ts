import { afterEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../../../shared';
import { toWire } from '../db/row-codec';
import { tempCore } from '../test-support';
import type { SyncDeps } from './deps';
import type { HttpClient } from './http-client';
import { PENDING_PAGE_SQL, type OutboxRow } from './outbox';
import { pushPending } from './push';
import { applyResults } from './push-answer';

type Core = Awaited<ReturnType<typeof tempCore>>;

/** A server that accepts every op, answering each with the desk's own row one version on. */
function acceptingServer(core: Core): HttpClient {
  const row = core.sqlite.prepare('select * from suppliers where uuid = ?');
  return {
    transfer: { sent: 0, received: 0 },
    call: async (
      _route: unknown,
      body: { batch: { op_id: string; entity_type: string; data: { uuid: string } }[] },
    ) => {
      const success = body.batch.map((op) => {
        const stored = row.get(op.data.uuid) as { version: number };
        const entity = { ...toWire('suppliers', stored), version: stored.version + 1 };
        return { op_id: op.op_id, entity_type: 'suppliers', uuid: op.data.uuid, entity, merged: false };
      });
      return { results: { success, conflicts: [], errors: [] }, server_time: new Date().toISOString() } as PushResponse;
    },
  } as unknown as HttpClient;
}

function syncDeps(core: Core): SyncDeps {
  return {
    db: core.db,
    rows: core.ctx.rows,
    sqlite: core.sqlite,
    transact: core.transact,
    transactReplayable: core.transactReplayable,
    http: acceptingServer(core),
    auth: { current: { role: 'supervisor' }, authed: (fn: (token: string) => unknown) => fn('token') },
    deviceId: core.deviceId,
    events: core.events,
    now: core.ctx.now,
    canSync: async () => true,
  } as unknown as SyncDeps;
}

describe('applying the answers of a push', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  /** Statements SQLite prepares while the desk pushes `n` new suppliers (100 an answer). */
  async function preparedToPush(core: Core, tag: string, n: number): Promise<number> {
    await core.suppliers.createMany(Array.from({ length: n }, (_, i) => ({ code: `${tag}-${i}`, name: `A ${i}` })));
    const deps = syncDeps(core);
    const prepare = core.sqlite.prepare.bind(core.sqlite);
    let count = 0;
    core.sqlite.prepare = ((text: string) => ((count += 1), prepare(text))) as typeof core.sqlite.prepare;
    try {
      const tally = await pushPending(deps);
      expect(tally.pushed).toBe(n);
    } finally {
      core.sqlite.prepare = prepare as typeof core.sqlite.prepare;
    }
    return count;
  }

  it('prepares its statements once, not again for every batch and answer', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    await preparedToPush(core, 'W', 100); // statements prepared once per connection are made here
    const one = await preparedToPush(core, 'O', 100);
    const four = await preparedToPush(core, 'F', 400);
    // Three more batches prepare nothing more. Through Kysely, which prepares each query it runs, each batch
    // prepared six: the outbox page read, and the answer's begin, followers, update, waiting and commit.
    expect(four - one).toBe(0);
    // The page read walks the (status, id) index from the cursor on, never the whole queue.
    const plan = core.sqlite.prepare(`explain query plan ${PENDING_PAGE_SQL}`).all(0, 100) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('; ')).toMatch(/USING INDEX outbox_status_id \(status=\? AND id>\?\)/);
    const synced = core.sqlite.prepare(`select count(*) as n from suppliers where sync_status = 'synced'`).get();
    expect(synced).toEqual({ n: 600 });
    const left = core.sqlite.prepare(`select count(*) as n from outbox where status != 'completed'`).get();
    expect(left).toEqual({ n: 0 });
  });

  it('keeps the local row of an entity with a later op waiting (its version only), stores the others, rebases', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    const [edited, plain] = await core.suppliers.createMany([
      { code: 'K-1', name: 'Edited here' },
      { code: 'K-2', name: 'Plain' },
    ]);
    const batch = (await core.db.selectFrom('outbox').selectAll().orderBy('id').execute()) as OutboxRow[];
    await core.suppliers.update(edited!.uuid, { name: 'Edited again' });
    const stored = (uuid: string) => core.sqlite.prepare('select * from suppliers where uuid = ?').get(uuid) as never;
    const answer = (op: OutboxRow) => ({
      op_id: op.op_id,
      entity_type: 'suppliers' as const,
      uuid: op.entity_uuid,
      entity: { ...toWire('suppliers', stored(op.entity_uuid)), name: 'As the server has it', version: 5 },
      merged: false,
    });
    const response: PushResponse = {
      results: { success: batch.map(answer), conflicts: [], errors: [] },
      server_time: new Date().toISOString(),
    };
    const tally = { pushed: 0, conflicts: 0, errors: 0, batches: 0, written: [] };
    const { stopped } = await core.transact(() => applyResults(syncDeps(core), batch, response, tally));
    expect(stopped).toEqual([]);
    expect(tally.pushed).toBe(2);
    expect(stored(edited!.uuid)).toMatchObject({ name: 'Edited again', version: 5, sync_status: 'pending' });
    expect(stored(plain!.uuid)).toMatchObject({ name: 'As the server has it', version: 5, sync_status: 'synced' });
    const ops = await core.db
      .selectFrom('outbox')
      .select(['status', 'base_version', 'payload'])
      .orderBy('id')
      .execute();
    expect(ops.map((op) => op.status)).toEqual(['completed', 'completed', 'pending']);
    // The edit was made on the version the create started from: it now builds on the server's.
    expect(ops[2]!.base_version).toBe(5);
    expect(JSON.parse(ops[2]!.payload)).toMatchObject({ version: 5 });
  });

  it('parses each op it sends once (the records it names and the op sent), not once per batch in flight', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    await core.suppliers.createMany(Array.from({ length: 400 }, (_, i) => ({ code: `J-${i}`, name: `J ${i}` })));
    const deps = syncDeps(core);
    const parse = JSON.parse;
    let parsed = 0;
    JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => (
      (parsed += 1),
      parse(text, reviver)
    )) as typeof parse;
    try {
      expect((await pushPending(deps)).pushed).toBe(400);
    } finally {
      JSON.parse = parse;
    }
    // Read for the batch, for each check of the batches in flight and again to send it: four times or more.
    expect(parsed).toBeLessThanOrEqual(400 + 10);
  });
});
