import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_BATCH } from '../../shared';
import { startOffice } from './desks';

const B = MAX_PUSH_BATCH;

type Office = Awaited<ReturnType<typeof startOffice>>;

interface SentBatch {
  /** The records its ops write or name (their own uuid, supplier_uuid, product_uuid). */
  named: Set<string>;
  /** The batches sent before it whose answers the desk had not yet received when it was sent. */
  overlapped: SentBatch[];
  answered: boolean;
}

/**
 * A desk's fetch that watches its pushes: which batches were on their way at the same time, and what each
 * named. Each push answer is held back until the desk sends another push (or 300 ms pass), so a desk that
 * can have two batches in flight always does; `fail` makes the nth push fail like a cut cable, after the
 * server has not seen it.
 */
function watchedFetch() {
  const sent: SentBatch[] = [];
  const state = { online: true, fail: -1, wake: () => {} };
  const fetchImpl: typeof fetch = async (input, init) => {
    if (!state.online) throw new TypeError('fetch failed: network is down');
    if (!String(input).includes('sync/push')) return fetch(input, init);
    const raw = Buffer.from(init!.body as Uint8Array);
    const gzipped = new Headers(init!.headers).get('content-encoding') === 'gzip';
    const body = JSON.parse((gzipped ? gunzipSync(raw) : raw).toString()) as {
      batch: { data: Record<string, unknown> }[];
    };
    const named = new Set(
      body.batch.flatMap(({ data }) =>
        [data.uuid, data.supplier_uuid, data.product_uuid].filter((v): v is string => typeof v === 'string'),
      ),
    );
    const batch: SentBatch = { named, overlapped: sent.filter((b) => !b.answered), answered: false };
    const index = sent.push(batch) - 1;
    state.wake();
    try {
      const response = index === state.fail ? null : await fetch(input, init);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 300);
        state.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (!response) throw new TypeError('fetch failed: connection reset');
      return response;
    } finally {
      batch.answered = true;
    }
  };
  return { sent, state, fetchImpl };
}

describe('two push batches in flight', () => {
  let office: Office;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  /**
   * B + 50 new suppliers (B = a batch, MAX_PUSH_BATCH), an edit of the 11th, a payment to the (B + 21)st, 50 more
   * suppliers: B + 102 ops, in that order.
   */
  async function queue(desk: Awaited<ReturnType<Office['desk']>>, tag: string) {
    const made = await desk.suppliers.createMany(
      Array.from({ length: B + 50 }, (_, i) => ({ code: `${tag}-${i}`, name: `Supplier ${i}` })),
    );
    await desk.suppliers.update(made[10]!.uuid, { name: 'Renamed after create' });
    const payment = await desk.payments.create({
      supplier_uuid: made[B + 20]!.uuid,
      amount_minor: 5000,
      type: 'advance',
      method: 'cash',
      notes: '',
    });
    await desk.suppliers.createMany(
      Array.from({ length: 50 }, (_, i) => ({ code: `${tag}-${B + 50 + i}`, name: `Supplier ${B + 50 + i}` })),
    );
    return { made, payment };
  }

  const serverName = async (uuid: string) => {
    const { rows } = await sql<{ name: string }>`select name from suppliers where uuid = ${uuid}`.execute(
      office.harness.test.db,
    );
    return rows[0]?.name;
  };

  it('sends the next batch before the first is answered, never with a record the first names', async () => {
    const watch = watchedFetch();
    const desk = await office.desk('clerk', { fetch: watch.fetchImpl });
    watch.state.online = false;
    const { made, payment } = await queue(desk, 'FLY');
    watch.state.online = true;

    const run = await desk.engine.sync('manual');
    expect(run.outcome, run.message ?? '').toBe('success');
    expect(run.pushed).toBe(B + 102);

    // Pipelined: some batch was sent while an earlier one was unanswered (one at a time before).
    expect(watch.sent.some((b) => b.overlapped.length > 0)).toBe(true);
    // Ordered: no batch named a record named by a batch still on its way when it was sent.
    for (const batch of watch.sent)
      for (const earlier of batch.overlapped)
        expect([...batch.named].filter((uuid) => earlier.named.has(uuid))).toEqual([]);
    // The edit went after its create, the payment after its supplier: in batches of their own time.
    const carrying = (uuid: string) => watch.sent.findIndex((b) => b.named.has(uuid));
    expect(watch.sent.findLastIndex((b) => b.named.has(made[10]!.uuid))).toBeGreaterThan(carrying(made[10]!.uuid));
    expect(carrying(payment.uuid)).toBeGreaterThan(carrying(made[B + 20]!.uuid));
    expect(await serverName(made[10]!.uuid)).toBe('Renamed after create');
    expect(await desk.outbox.pending()).toHaveLength(0);
  });

  it('keeps what a later batch got through when an earlier one fails; nothing naming the failed one overtakes it', async () => {
    const watch = watchedFetch();
    const desk = await office.desk('clerk', { fetch: watch.fetchImpl });
    watch.state.online = false;
    const { made } = await queue(desk, 'FAIL');
    watch.state.online = true;
    watch.state.fail = 0;

    const first = await desk.engine.sync('manual');
    expect(first.outcome).toBe('error');
    // The second batch (suppliers B … B + 49) was on its way and is kept; the first is still queued.
    expect(watch.sent.length).toBe(2);
    expect(watch.sent[1]!.overlapped).toEqual([watch.sent[0]]);
    expect(await serverName(made[B + 20]!.uuid)).toBe(`Supplier ${B + 20}`);
    expect(await serverName(made[10]!.uuid)).toBeUndefined();
    // Counted in the outbox itself: the Sync screen's list shows the first 200.
    const pending = await desk.db.selectFrom('outbox').select('entity_uuid').where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(B + 102 - 50);
    expect(pending.map((p) => p.entity_uuid)).toContain(made[10]!.uuid);

    const second = await desk.engine.sync('manual');
    expect(second.outcome, second.message ?? '').toBe('success');
    expect(second.pushed).toBe(B + 52);
    expect(await serverName(made[10]!.uuid)).toBe('Renamed after create');
    expect(await desk.outbox.pending()).toHaveLength(0);
  });
});
