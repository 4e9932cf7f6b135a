import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { op, push, seedReference, startHarness, type Desk, type Harness } from '../../test/harness';

/**
 * Counts every statement the server sends to MySQL, and the round trips in sequence: a statement that starts
 * after an answer has come back since the last start begins a new one (statements sent side by side share one).
 */
function queryCounter(): KyselyPlugin & { count: number; sequential: number } {
  let answered = true;
  const counter = {
    count: 0,
    sequential: 0,
    transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
      counter.count += 1;
      if (answered) counter.sequential += 1;
      answered = false;
      return args.node;
    },
    transformResult: async (args: Parameters<KyselyPlugin['transformResult']>[0]) => {
      answered = true;
      return args.result;
    },
  };
  return counter;
}

describe('round trips of one push batch', () => {
  const counter = queryCounter();
  let h: Harness;
  let clerk: Desk;
  let ref: Awaited<ReturnType<typeof seedReference>>;
  beforeAll(async () => {
    h = await startHarness({}, { dbPlugin: counter });
    ref = await seedReference(h);
    clerk = await h.desk('clerk');
  });
  afterAll(async () => h?.close());

  const collections = (n: number, suppliers: string[], month: number) =>
    Array.from({ length: n }, (_, i) =>
      op('collections', 'create', {
        uuid: newId(),
        supplier_uuid: suppliers[i % suppliers.length],
        product_uuid: ref.product.uuid,
        // Four days apart, so no two share a shift window (±36 h): each would need its own read if read one by one.
        collected_at: new Date(Date.UTC(2026, month, 1 + 4 * i, 7, 45)).toISOString(),
        quantity_milli: 1000 + i,
        shift: 'morning',
        notes: '',
      }),
    );

  const statementsFor = async (batch: unknown[]) => {
    const before = counter.count;
    const res = await push(h, clerk, batch);
    expect(res.status).toBe(200);
    expect(res.body.results.success).toHaveLength(batch.length);
    return counter.count - before;
  };

  it('does not grow with the number of ops in the batch', async () => {
    const small = await statementsFor(collections(3, [ref.supplier.uuid], 0));
    const large = await statementsFor(collections(60, [ref.supplier.uuid], 1));
    expect(large).toBeLessThanOrEqual(small);
  });

  it('reads a batch of collections in two round trips before its transaction', async () => {
    const before = counter.sequential;
    const res = await push(h, clerk, collections(20, [ref.supplier.uuid], 9));
    expect(res.body.results.success, JSON.stringify(res.body.results.errors[0])).toHaveLength(20);
    // The rows (each read carrying the clock) and stored answers; the rates, shift neighbours and closed
    // periods side by side. Then, in the transaction (begin and commit are not statements here): the stored
    // answers, the clock update, the collections and the audit. The clock read on its own first made it 7.
    expect(counter.sequential - before).toBe(6);
  });
});
