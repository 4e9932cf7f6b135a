import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../test-support';
import { OTHER_OPS_SQL, otherOpsOf, rebaseFollowersOfBatch, type OutboxRow } from './outbox';

describe('the followers read after each push answer', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('reads by entity, not by walking every pending op after the batch (the whole queue, per batch)', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    await core.suppliers.createMany(Array.from({ length: 300 }, (_, i) => ({ code: `F-${i}`, name: `F ${i}` })));
    const batch = (await core.db.selectFrom('outbox').selectAll().orderBy('id').limit(100).execute()) as OutboxRow[];
    const uuids = JSON.stringify(batch.map((op) => op.entity_uuid));
    const ids = JSON.stringify(batch.map((op) => op.id));
    const plan = core.sqlite.prepare(`explain query plan ${OTHER_OPS_SQL}`).all(uuids, ids) as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join('; ')).toMatch(/USING INDEX outbox_entity \(entity_uuid=\?/);
  });

  it('still rebases only pending or stopped followers of an accepted op', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    const [supplier] = await core.suppliers.createMany([{ code: 'F-1', name: 'First' }]);
    await core.suppliers.update(supplier!.uuid, { name: 'Second' });
    await core.suppliers.update(supplier!.uuid, { name: 'Third' });
    const ops = (await core.db.selectFrom('outbox').selectAll().orderBy('id').execute()) as OutboxRow[];
    // Both edits built on the version the create started from; the second was discarded since.
    await core.db.updateTable('outbox').set({ base_version: ops[0]!.base_version }).execute();
    await core.db.updateTable('outbox').set({ status: 'discarded' }).where('id', '=', ops[2]!.id).execute();
    const batch = [ops[0]!];
    rebaseFollowersOfBatch(core.sqlite, batch, [{ op: ops[0]!, version: 7 }], otherOpsOf(core.sqlite, batch));
    const after = await core.db.selectFrom('outbox').select(['base_version', 'payload']).orderBy('id').execute();
    expect(after.map((op) => op.base_version)).toEqual([ops[0]!.base_version, 7, ops[0]!.base_version]);
    expect(JSON.parse(after[1]!.payload)).toMatchObject({ version: 7 });
  });

  it('looks at each accepted op a bounded number of times, not once per other op of the batch', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    await core.suppliers.createMany(Array.from({ length: 1000 }, (_, i) => ({ code: `F-${i}`, name: `F ${i}` })));
    const batch = (await core.db.selectFrom('outbox').selectAll().orderBy('id').execute()) as OutboxRow[];
    let reads = 0;
    // Every read of an accepted op's fields is counted: the whole batch is pending (followers) while answered.
    const accepted = batch.map((row) => ({
      op: new Proxy(row, {
        get: (target, key) => {
          reads += 1;
          return target[key as keyof OutboxRow];
        },
      }),
      version: 2,
    }));
    rebaseFollowersOfBatch(core.sqlite, batch, accepted, otherOpsOf(core.sqlite, batch));
    expect(reads / batch.length).toBeLessThan(10);
  });
});
