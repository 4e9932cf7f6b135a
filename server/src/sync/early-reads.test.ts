import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { op, push, seedReference, startHarness, type Harness } from '../../test/harness';

/**
 * A batch reads before it takes the sequence lock: what another batch writes in between must be seen, as if
 * the first had held the lock from its first read. The other batch is pushed from the first one's afterOp
 * hook, which runs after its reads and before its lock.
 */
describe('a push batch read before the sequence lock', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  /** Pushes `between` once, while the next batch is between its reads and its lock. */
  const whileReading = (between: () => Promise<unknown>) => {
    let done = false;
    h.hooks.afterOp = async () => {
      if (done) return;
      done = true;
      await between();
    };
  };

  it('sees an edit of the row it read made in between: a conflict, never a lost update', async () => {
    const { supplier } = await seedReference(h);
    const [a, b] = [await h.desk('clerk'), await h.desk('clerk')];
    whileReading(() =>
      push(h, b, [
        op('suppliers', 'update', { uuid: supplier.uuid, version: 1, phone: 'B' }, { changed_fields: ['phone'] }),
      ]),
    );
    const res = await push(h, a, [
      op('suppliers', 'update', { uuid: supplier.uuid, version: 1, phone: 'A' }, { changed_fields: ['phone'] }),
    ]);
    h.hooks.afterOp = undefined;
    expect(res.body.results.conflicts).toHaveLength(1);
    expect(res.body.results.conflicts[0]).toMatchObject({ server_version: 2, client_version: 1 });
    const row = await h.test.db
      .selectFrom('suppliers')
      .selectAll()
      .where('uuid', '=', supplier.uuid)
      .executeTakeFirst();
    expect(row).toMatchObject({ version: 2, phone: 'B' });
  });

  it('sees a code taken in between: refused naming the field, not a failed batch', async () => {
    const [a, b] = [await h.desk('supervisor'), await h.desk('supervisor')];
    const code = `C-${newId().slice(-8)}`;
    whileReading(() => push(h, b, [op('suppliers', 'create', { uuid: newId(), code, name: 'First' })]));
    const res = await push(h, a, [op('suppliers', 'create', { uuid: newId(), code, name: 'Second' })]);
    h.hooks.afterOp = undefined;
    expect(res.status).toBe(200);
    expect(res.body.results.success).toEqual([]);
    expect(JSON.stringify(res.body.results.errors[0])).toContain('code');
  });

  it('numbers its rows above the clock it took, in the rows and written_seqs; the audit, written before the lock, holds no seq', async () => {
    const desk = await h.desk('supervisor');
    const uuids = [newId(), newId(), newId()];
    const res = await push(
      h,
      desk,
      uuids.map((uuid, i) => op('suppliers', 'create', { uuid, code: `N-${uuid.slice(-8)}-${i}`, name: 'N' })),
    );
    const { from, to } = res.body.written_seqs;
    expect(to - from).toBe(2);
    const clock = await h.test.db.selectFrom('sync_clock').select('seq').executeTakeFirstOrThrow();
    expect(Number(clock.seq)).toBeGreaterThanOrEqual(to);
    const rows = await h.test.db.selectFrom('suppliers').select(['uuid', 'seq']).where('uuid', 'in', uuids).execute();
    expect(rows.map((r) => Number(r.seq)).sort((x, y) => x - y)).toEqual([from, from + 1, to]);
    const audit = await h.test.db.selectFrom('audit').select('after').where('entity_uuid', 'in', uuids).execute();
    expect(audit).toHaveLength(3);
    for (const a of audit) expect(JSON.parse(a.after!)).not.toHaveProperty('seq');
  });
  it('numbers created and updated rows alike from the clock it took, when another batch moved it in between', async () => {
    const [a, b] = [await h.desk('supervisor'), await h.desk('supervisor')];
    const [s1, s2, s3] = [newId(), newId(), newId()];
    const code = (uuid: string) => `U-${uuid.slice(-8)}`;
    await push(
      h,
      a,
      [s1, s2].map((uuid) => op('suppliers', 'create', { uuid, code: code(uuid), name: 'Before' })),
    );
    whileReading(() =>
      push(h, b, [op('suppliers', 'create', { uuid: newId(), code: `O-${newId().slice(-8)}`, name: 'O' })]),
    );
    const res = await push(h, a, [
      op('suppliers', 'update', { uuid: s1, version: 1, name: 'After' }, { changed_fields: ['name'] }),
      op('suppliers', 'create', { uuid: s3, code: code(s3), name: 'New' }),
      op('suppliers', 'update', { uuid: s2, version: 1, name: 'After' }, { changed_fields: ['name'] }),
    ]);
    h.hooks.afterOp = undefined;
    expect(res.body.results.success).toHaveLength(3);
    const { from, to } = res.body.written_seqs;
    const rows = await h.test.db
      .selectFrom('suppliers')
      .select(['uuid', 'seq', 'name'])
      .where('uuid', 'in', [s1, s2, s3])
      .execute();
    const seqOf = (uuid: string) => Number(rows.find((r) => r.uuid === uuid)!.seq);
    // In op order, as the answer and the pull invariant expect.
    expect([seqOf(s1), seqOf(s3), seqOf(s2)]).toEqual([from, from + 1, to]);
    expect(rows.map((r) => r.name).sort()).toEqual(['After', 'After', 'New']);
  });
});
