import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { op, pull, push, startHarness, type Harness } from '../../test/harness';

/**
 * A desk that never read an answer (the response lost, the desk crashed) resends the same op; the server
 * replays the stored outcome. The row in that answer must be the row as it is now: the desk stores it as
 * synced and, having left the row out of its pulls while the op waited, would otherwise keep the old one.
 */
describe('a replayed op answers with the row as it is now', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('gives the newer version another desk wrote after the first answer, not the stored one', async () => {
    const mine = await h.desk('supervisor');
    const other = await h.desk('supervisor');
    const uuid = newId();
    const created = await push(h, mine, [
      op('suppliers', 'create', { uuid, code: `R-${newId().slice(-10)}`, name: 'R' }),
    ]);
    expect(created.body.results.success).toHaveLength(1);

    const edit = op(
      'suppliers',
      'update',
      { uuid, version: 1, phone: '0700000001' },
      { base_version: 1, changed_fields: ['phone'] },
    );
    const first = await push(h, mine, [edit]);
    expect(first.body.results.success[0].entity).toMatchObject({ version: 2, phone: '0700000001' });

    const later = await push(h, other, [
      op(
        'suppliers',
        'update',
        { uuid, version: 2, address: 'Plot 9' },
        { base_version: 2, changed_fields: ['address'] },
      ),
    ]);
    expect(later.body.results.success[0].entity).toMatchObject({ version: 3, address: 'Plot 9' });

    const replayed = await push(h, mine, [edit]);
    expect(replayed.body.results.success).toHaveLength(1);
    expect(replayed.body.results.success[0].entity).toMatchObject({
      version: 3,
      phone: '0700000001',
      address: 'Plot 9',
    });
    // Still a replay: nothing new written, no second version.
    expect(replayed.body.written_seqs).toBeUndefined();
    const rows = await pull(h, mine, { limit: 1000, entity_types: ['suppliers'] });
    expect(rows.body.changes.suppliers.find((s: { uuid: string }) => s.uuid === uuid)).toMatchObject({ version: 3 });
  });

  it('stores a success without a copy of its row, and replays it with the row', async () => {
    const desk = await h.desk('supervisor');
    const create = op('suppliers', 'create', { uuid: newId(), code: `Q-${newId().slice(-10)}`, name: 'Q' });
    await push(h, desk, [create]);
    const stored = await h.test.db
      .selectFrom('sync_ops')
      .select('result')
      .where('op_id', '=', create.op_id)
      .executeTakeFirstOrThrow();
    // With the op's id, type and record: a server from before replays what this one stored.
    expect(JSON.parse(stored.result)).toEqual({
      kind: 'success',
      item: { op_id: create.op_id, entity_type: 'suppliers', uuid: create.data.uuid, merged: false },
    });
    const replayed = await push(h, desk, [create]);
    expect(replayed.body.results.success[0]).toMatchObject({
      op_id: create.op_id,
      entity_type: 'suppliers',
      uuid: create.data.uuid,
      merged: false,
    });
    expect(replayed.body.results.success[0].entity).toMatchObject({ uuid: create.data.uuid, name: 'Q', version: 1 });
  });

  it('gives a replayed conflict the row as it is now too', async () => {
    const uuid = newId();
    const [a, b, c] = [await h.desk('supervisor'), await h.desk('supervisor'), await h.desk('supervisor')];
    await push(h, a, [op('suppliers', 'create', { uuid, code: `C-${newId().slice(-10)}`, name: 'C' })]);
    const edit = (desk: typeof a, phone: string) =>
      push(h, desk, [
        op('suppliers', 'update', { uuid, version: 1, phone }, { base_version: 1, changed_fields: ['phone'] }),
      ]);
    await edit(a, '0700000001');
    const lost = op(
      'suppliers',
      'update',
      { uuid, version: 1, phone: '0700000002' },
      { base_version: 1, changed_fields: ['phone'] },
    );
    const first = await push(h, b, [lost]);
    expect(first.body.results.conflicts).toHaveLength(1);
    const before = first.body.results.conflicts[0].entity.version as number;
    await push(h, c, [
      op(
        'suppliers',
        'update',
        { uuid, version: before, address: 'Plot 9' },
        { base_version: before, changed_fields: ['address'] },
      ),
    ]);
    const replayed = await push(h, b, [lost]);
    expect(replayed.body.results.conflicts).toHaveLength(1);
    expect(replayed.body.results.conflicts[0].entity).toMatchObject({ version: before + 1, address: 'Plot 9' });
  });

  it('replays an answer stored whole by an earlier server', async () => {
    const desk = await h.desk('supervisor');
    const create = op('suppliers', 'create', { uuid: newId(), code: `O-${newId().slice(-10)}`, name: 'O' });
    await push(h, desk, [create]);
    const whole = { op_id: create.op_id, entity_type: 'suppliers', uuid: create.data.uuid, merged: false };
    await h.test.db
      .updateTable('sync_ops')
      .set({ result: JSON.stringify({ kind: 'success', item: whole }) })
      .where('op_id', '=', create.op_id)
      .execute();
    const replayed = await push(h, desk, [create]);
    expect(replayed.body.results.success[0]).toMatchObject(whole);
    expect(replayed.body.results.success[0].entity).toMatchObject({ name: 'O', version: 1 });
    expect(replayed.body.written_seqs).toBeUndefined();
  });

  it('answers a replay whose row is gone (a database restored from before) with an error item, not a broken answer', async () => {
    const desk = await h.desk('supervisor');
    const create = op('suppliers', 'create', { uuid: newId(), code: `G-${newId().slice(-10)}`, name: 'Gone' });
    await push(h, desk, [create]);
    await h.test.db
      .deleteFrom('suppliers')
      .where('uuid', '=', create.data.uuid as string)
      .execute();
    const replayed = await push(h, desk, [create]);
    expect(replayed.status).toBe(200);
    expect(replayed.body.results.errors).toEqual([
      expect.objectContaining({ op_id: create.op_id, status: 404, code: 'NOT_FOUND' }),
    ]);
  });
});
