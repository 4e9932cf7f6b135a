import { gzipSync, gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_TYPES, MAX_PUSH_BATCH, newId } from '../../../shared';
import { op, pull, push, seedReference, startHarness, type Harness } from '../../test/harness';

describe('POST /api/v1/sync/push', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  async function count(table: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(h.test.db);
    return Number(rows[0]!.n);
  }

  /** A clerk's desk and a collection of 12.5 kg for a supplier and product priced at 32.75 (not yet pushed). */
  async function clerkWithCollection(extra: Record<string, unknown>) {
    const { supplier, product } = await seedReference(h, 3275);
    const clerk = await h.desk('clerk');
    const collection = {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      collected_at: '2026-11-20T07:45:00Z',
      quantity_milli: 12500,
      ...extra,
    };
    return { clerk, collection };
  }

  it('creates rows, prices collections on the server, and answers every op in exactly one list', async () => {
    const { clerk, collection } = await clerkWithCollection({ rate_minor: 1, amount_minor: 1, notes: '' });
    const res = await push(h, clerk, [
      op('collections', 'create', collection),
      op('payments', 'delete', { uuid: newId() }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.success).toHaveLength(1);
    expect(res.body.results.errors).toHaveLength(1);
    const entity = res.body.results.success[0].entity;
    expect(entity).toMatchObject({
      uuid: collection.uuid,
      version: 1,
      rate_minor: 3275,
      amount_minor: 40938,
      collected_at: '2026-11-20T07:45:00.000Z',
      deleted_at: null,
    });
    expect(entity).not.toHaveProperty('seq');
    expect(res.body.results.errors[0]).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      fields: { operation: 'payments cannot be deleted' },
    });
    expect(typeof res.body.server_time).toBe('string');
  });

  it('answers as changes when asked: the stamps and what the server computed, not the values sent', async () => {
    const { clerk, collection } = await clerkWithCollection({ notes: 'wet leaf' });
    const asked = async (answer: unknown) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: clerk.auth,
        payload: { device_id: clerk.deviceId, batch: [op('collections', 'create', collection)], answer },
      });
    for (const hostile of ['diff', 'x'.repeat(100_000), { rows: true }, [['changes']], 1e308, null]) {
      const refused = await asked(hostile);
      expect(refused.statusCode).toBe(422);
      expect(Object.keys(refused.json().error.fields)).toEqual(['answer']);
    }
    expect((await asked('diff')).json().error.fields).toEqual({ answer: 'must be one of: rows, changes' });

    const res = await asked('changes');
    expect(res.statusCode).toBe(200);
    const [success] = res.json().results.success;
    expect(success).not.toHaveProperty('entity');
    const { changes } = success;
    expect(changes).toMatchObject({
      uuid: collection.uuid,
      version: 1,
      rate_minor: 3275,
      amount_minor: 40938,
      collected_at: '2026-11-20T07:45:00.000Z',
      deleted_at: null,
    });
    for (const sentAsItIs of ['supplier_uuid', 'product_uuid', 'quantity_milli', 'notes'])
      expect(changes).not.toHaveProperty(sentAsItIs);
    // Laid over what was sent, it is the row the server keeps.
    const rows = await pull(h, clerk, { limit: 1000, entity_types: ['collections'] });
    const kept = rows.body.changes.collections.find((c: { uuid: string }) => c.uuid === collection.uuid);
    expect({ ...collection, ...changes }).toEqual(kept);
  });

  it('replays a batch with identical results and changes no row', async () => {
    const { supplier } = await seedReference(h);
    const clerk = await h.desk('clerk');
    const batch = [
      op('payments', 'create', {
        uuid: newId(),
        supplier_uuid: supplier.uuid,
        amount_minor: 50000,
        type: 'advance',
        method: 'cash',
        paid_at: '2026-11-20T08:00:00Z',
      }),
      op(
        'suppliers',
        'update',
        { uuid: supplier.uuid, version: 1, phone: '0711 111 111' },
        { changed_fields: ['phone'] },
      ),
    ];
    const first = await push(h, clerk, batch);
    const snapshot =
      await sql`select uuid, version, seq from suppliers union all select uuid, version, seq from payments order by uuid`.execute(
        h.test.db,
      );
    const audits = await count('audit');
    const second = await push(h, clerk, batch);
    expect(second.body.results).toEqual(first.body.results);
    expect(
      (
        await sql`select uuid, version, seq from suppliers union all select uuid, version, seq from payments order by uuid`.execute(
          h.test.db,
        )
      ).rows,
    ).toEqual(snapshot.rows);
    expect(await count('audit')).toBe(audits);
  });

  it('answers "Already exists" for a create without op_id of an existing uuid with its values, changing nothing', async () => {
    const { supplier } = await seedReference(h);
    const clerk = await h.desk('clerk');
    const res = await push(h, clerk, [{ entity_type: 'suppliers', operation: 'create', data: supplier }]);
    expect(res.body.results.success[0]).toMatchObject({
      uuid: supplier.uuid,
      message: 'Already exists',
      entity: { name: 'Amina Njeri', version: 1 },
    });
    expect(res.body.results.success[0]).not.toHaveProperty('op_id');
  });

  it('keeps a create of an existing uuid with other values as a conflict, not a silent "Already exists"', async () => {
    const { supplier } = await seedReference(h);
    const clerk = await h.desk('clerk');
    const res = await push(h, clerk, [
      { entity_type: 'suppliers', operation: 'create', data: { ...supplier, name: 'Someone else' } },
    ]);
    expect(res.body.results.conflicts[0]).toMatchObject({
      uuid: supplier.uuid,
      resolution: 'server_wins',
      client_data: { name: 'Someone else' },
      entity: { name: 'Amina Njeri', version: 1 },
    });
  });

  it('refuses an op_id reused with a different body (IDEMPOTENCY_MISMATCH)', async () => {
    const { supplier } = await seedReference(h);
    const clerk = await h.desk('clerk');
    const first = op(
      'suppliers',
      'update',
      { uuid: supplier.uuid, version: 1, notes: 'a' },
      { changed_fields: ['notes'] },
    );
    await push(h, clerk, [first]);
    const res = await push(h, clerk, [{ ...first, data: { ...first.data, notes: 'b' } }]);
    expect(res.body.results.errors[0]).toMatchObject({ op_id: first.op_id, status: 422, code: 'IDEMPOTENCY_MISMATCH' });
  });

  it('keeps bad ops to their own error items while the rest apply', async () => {
    const { supplier, product } = await seedReference(h);
    const clerk = await h.desk('clerk');
    const good = op('suppliers', 'create', { uuid: newId(), code: `G-${newId().slice(-5)}`, name: 'Good' });
    const res = await push(h, clerk, [
      op('products', 'create', { uuid: newId(), code: 'NOPE', name: 'No', unit: 'kg' }),
      op('suppliers', 'create', { uuid: newId(), code: supplier.code, name: 'Same code' }),
      op('collections', 'create', {
        uuid: newId(),
        supplier_uuid: newId(),
        product_uuid: product.uuid,
        quantity_milli: 10,
      }),
      op('collections', 'create', {
        uuid: newId(),
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        quantity_milli: 10,
        collected_at: '2025-01-01T00:00:00Z',
      }),
      op('suppliers', 'update', { uuid: newId(), version: 1, name: 'Ghost' }),
      op('suppliers', 'create', { uuid: 'not-a-uuid', code: 'X', name: 'X' }),
      { entity_type: 'widgets', operation: 'create', data: {} },
      good,
    ]);
    const errors = res.body.results.errors.map((e: { status: number; code: string; fields?: unknown }) => [
      e.status,
      e.code,
      e.fields,
    ]);
    expect(errors).toEqual([
      [403, 'FORBIDDEN', undefined],
      [422, 'VALIDATION_FAILED', { code: 'is already used by another supplier' }],
      [422, 'VALIDATION_FAILED', { supplier_uuid: 'is not a known supplier' }],
      [422, 'VALIDATION_FAILED', { product_uuid: 'has no rate in force on 2025-01-01' }],
      [404, 'NOT_FOUND', undefined],
      [422, 'VALIDATION_FAILED', { uuid: 'must be a UUID' }],
      [422, 'VALIDATION_FAILED', { entity_type: `must be one of: ${ENTITY_TYPES.join(', ')}` }],
    ]);
    expect(res.body.results.success.map((s: { op_id: string }) => s.op_id)).toEqual([good.op_id]);
  });

  it('refuses supervisor work to clerks as error items (products, rates, voids, deletes)', async () => {
    const { supplier, product } = await seedReference(h);
    const clerk = await h.desk('clerk');
    const payment = op('payments', 'create', {
      uuid: newId(),
      supplier_uuid: supplier.uuid,
      amount_minor: 100,
      type: 'advance',
      method: 'cash',
    });
    await push(h, clerk, [payment]);
    const res = await push(h, clerk, [
      op('product_rates', 'create', {
        uuid: newId(),
        product_uuid: product.uuid,
        rate_minor: 1,
        effective_from: '2026-02-01',
      }),
      op('products', 'update', { uuid: product.uuid, version: 1, name: 'x' }),
      op('payments', 'update', {
        uuid: payment.data.uuid,
        version: 1,
        voided_at: '2026-11-20T09:00:00Z',
        void_reason: 'oops',
      }),
      op('suppliers', 'delete', { uuid: supplier.uuid, version: 1 }),
    ]);
    expect(res.body.results.errors.map((e: { status: number; message: string }) => [e.status, e.message])).toEqual([
      [403, 'Only a supervisor may set rates'],
      [403, 'Only a supervisor may manage products'],
      [403, 'Only a supervisor may void payments'],
      [403, 'Only a supervisor may delete suppliers'],
    ]);
  });

  it('commits nothing when a failure strikes after k of n ops, and everything when the batch is resent', async () => {
    const { supplier, product } = await seedReference(h);
    const clerk = await h.desk('clerk');
    const batch = Array.from({ length: 10 }, (_, i) =>
      op('collections', 'create', {
        uuid: newId(),
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        quantity_milli: 1000 + i,
        collected_at: '2026-11-20T08:00:00Z',
      }),
    );
    const before = {
      collections: await count('collections'),
      audit: await count('audit'),
      sync_ops: await count('sync_ops'),
    };
    for (const k of [0, 4, 9]) {
      h.hooks.afterOp = (index) => {
        if (index === k) throw new Error(`injected failure after op ${k}`);
      };
      const res = await push(h, clerk, batch);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('UNAVAILABLE');
    }
    h.hooks.afterOp = undefined;
    h.hooks.beforeCommit = () => {
      throw new Error('injected failure before commit');
    };
    expect((await push(h, clerk, batch)).status).toBe(503);
    h.hooks.beforeCommit = undefined;
    expect({
      collections: await count('collections'),
      audit: await count('audit'),
      sync_ops: await count('sync_ops'),
    }).toEqual(before);
    const res = await push(h, clerk, batch);
    expect(res.body.results.success).toHaveLength(10);
    expect(await count('collections')).toBe(before.collections + 10);
  });

  it(`refuses batches over ${MAX_PUSH_BATCH} ops, foreign devices and bad envelopes before applying anything`, async () => {
    const clerk = await h.desk('clerk');
    const big = Array.from({ length: MAX_PUSH_BATCH + 1 }, () =>
      op('suppliers', 'create', { uuid: newId(), code: newId().slice(-8), name: 'x' }),
    );
    const tooMany = await push(h, clerk, big);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.code).toBe('BATCH_TOO_LARGE');
    const other = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: clerk.auth,
      payload: { device_id: newId(), batch: [] },
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('FORBIDDEN');
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: clerk.auth,
      payload: { batch: 'x' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { device_id: 'is required', batch: 'must be an array' },
    });
    const json = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { ...clerk.auth, 'content-type': 'application/json' },
      payload: '{"batch": [',
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('BAD_JSON');
  });

  it('accepts gzip bodies, gzips large answers, and refuses oversized bodies with 413', async () => {
    const clerk = await h.desk('clerk');
    const batch = Array.from({ length: 50 }, () =>
      op('suppliers', 'create', {
        uuid: newId(),
        code: `Z-${newId().slice(-8)}`,
        name: 'Zipped supplier',
        notes: 'n'.repeat(50),
      }),
    );
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: {
        ...clerk.auth,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'accept-encoding': 'gzip',
      },
      payload: gzipSync(JSON.stringify({ device_id: clerk.deviceId, batch })),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString()).results.success).toHaveLength(50);
    const huge = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { ...clerk.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ device_id: clerk.deviceId, batch: [], pad: 'x'.repeat(5 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('needs a valid access token', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      payload: { device_id: newId(), batch: [] },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    const p = await h.app.inject({ method: 'POST', url: '/api/v1/sync/pull', payload: { device_id: newId() } });
    expect(p.statusCode).toBe(401);
  });

  it('makes pulled changes visible to other desks', async () => {
    const { supplier } = await seedReference(h);
    const other = await h.desk('clerk');
    const res = await pull(h, other, { entity_types: ['suppliers'], limit: 1000 });
    expect(res.body.changes.suppliers.map((s: { uuid: string }) => s.uuid)).toContain(supplier.uuid);
  });
});
