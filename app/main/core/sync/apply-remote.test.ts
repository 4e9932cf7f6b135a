import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../test-support';
import { entitiesWithLocalOps, localOpsQuery } from './apply-remote';

describe('which answered or pulled rows still have local ops waiting', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('reads the outbox by entity, not by walking every pending op (the whole queue, per batch or page)', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    await core.suppliers.createMany(Array.from({ length: 300 }, (_, i) => ({ code: `W-${i}`, name: `W ${i}` })));
    const uuids = (await core.db.selectFrom('outbox').select('entity_uuid').limit(100).execute()).map(
      (r) => r.entity_uuid,
    );
    const { sql, parameters } = localOpsQuery(core.db, uuids).compile();
    const plan = core.sqlite.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[])) as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join('; ')).toMatch(/USING INDEX outbox_entity \(entity_uuid=\?/);
  });

  it('names only entities whose ops are pending or stopped with an error', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    const made = await core.suppliers.createMany(
      Array.from({ length: 3 }, (_, i) => ({ code: `S-${i}`, name: `S ${i}` })),
    );
    const [pending, stopped, done] = made.map((s) => s.uuid) as [string, string, string];
    await core.db.updateTable('outbox').set({ status: 'error' }).where('entity_uuid', '=', stopped).execute();
    await core.db.updateTable('outbox').set({ status: 'completed' }).where('entity_uuid', '=', done).execute();
    const waiting = await core.db.transaction().execute((trx) => entitiesWithLocalOps(trx, [pending, stopped, done]));
    expect([...waiting].sort()).toEqual([pending, stopped].sort());
  });
});
