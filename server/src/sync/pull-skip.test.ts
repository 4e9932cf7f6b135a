import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { op, pull, push, startHarness, type Harness } from '../../test/harness';

const suppliers = (n: number) =>
  Array.from({ length: n }, () =>
    op('suppliers', 'create', { uuid: newId(), code: `K-${newId().slice(-10)}`, name: 'K' }),
  );

describe('pull leaving out the seqs a desk holds from its own push answers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('sends every other row once, skips only the named seqs, and moves the cursor past them', async () => {
    const mine = await h.desk('clerk');
    const other = await h.desk('clerk');
    const start = (await pull(h, mine, { limit: 1000 })).body.cursor as string;
    const a = await push(h, mine, suppliers(5));
    const b = await push(h, other, suppliers(3));
    const c = await push(h, mine, suppliers(4));
    const ranges = [a.body.written_seqs, c.body.written_seqs];
    expect(a.body.written_seqs.to - a.body.written_seqs.from).toBe(4);
    const otherUuids = b.body.results.success.map((s: { uuid: string }) => s.uuid);

    const seen: string[] = [];
    let cursor = start;
    for (;;) {
      const res = await pull(h, mine, { cursor, limit: 2, entity_types: ['suppliers'], skip_seqs: ranges });
      expect(res.status).toBe(200);
      seen.push(...(res.body.changes.suppliers ?? []).map((s: { uuid: string }) => s.uuid));
      cursor = res.body.cursor;
      if (!res.body.has_more) break;
    }
    expect(seen).toEqual(otherUuids);
    expect(Number(cursor)).toBe(c.body.written_seqs.to);

    // Without the ranges the same cursor start gives all twelve.
    const all = await pull(h, mine, { cursor: start, limit: 1000, entity_types: ['suppliers'] });
    expect(all.body.changes.suppliers).toHaveLength(12);
  });

  it('answers a replayed batch without written_seqs (nothing new was written)', async () => {
    const desk = await h.desk('clerk');
    const batch = suppliers(2);
    expect((await push(h, desk, batch)).body.written_seqs).toBeDefined();
    expect((await push(h, desk, batch)).body.written_seqs).toBeUndefined();
  });

  it('refuses a malformed range naming the field', async () => {
    const desk = await h.desk('clerk');
    const res = await pull(h, desk, { skip_seqs: [{ from: 5, to: 2 }] });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('skip_seqs');
  });
});
