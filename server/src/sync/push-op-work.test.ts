import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../../shared';
import { op, push, seedReference, startHarness, type Desk, type Harness } from '../../test/harness';
import type * as HashModule from './op/op-hash';
import { hashOp } from './op/op-hash';
import type * as ValidationModule from './op/validation';
import { parseData } from './op/validation';

// Counts the server's per-op work on a push: each op's data is checked by zod once and hashed once
// (the hash of the op as sent, for answers stored before hashes were normalised, only when one is met).
vi.mock('./op/op-hash', async (original) => {
  const real = await original<typeof HashModule>();
  return { ...real, hashOp: vi.fn(real.hashOp) };
});
vi.mock('./op/validation', async (original) => {
  const real = await original<typeof ValidationModule>();
  return { ...real, parseData: vi.fn(real.parseData) };
});

describe('work per op of a push', () => {
  let h: Harness;
  let clerk: Desk;
  let ref: Awaited<ReturnType<typeof seedReference>>;
  beforeAll(async () => {
    h = await startHarness();
    ref = await seedReference(h);
    clerk = await h.desk('clerk');
  });
  afterAll(async () => h?.close());

  const collections = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      op('collections', 'create', {
        uuid: newId(),
        supplier_uuid: ref.supplier.uuid,
        product_uuid: ref.product.uuid,
        collected_at: '2026-11-20T07:45:00Z',
        quantity_milli: 1000 + i,
        notes: '',
      }),
    );

  it('parses and hashes each op once, for a new batch and for its replay', async () => {
    const batch = collections(20);
    for (const round of ['new', 'replayed']) {
      vi.mocked(hashOp).mockClear();
      vi.mocked(parseData).mockClear();
      const res = await push(h, clerk, batch);
      expect(res.status, round).toBe(200);
      expect(res.body.results.success, round).toHaveLength(20);
      expect(vi.mocked(parseData).mock.calls, round).toHaveLength(20);
      expect(vi.mocked(hashOp).mock.calls, round).toHaveLength(20);
    }
  });
});
