import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAll, serverExport, startOffice } from './desks';

type Success = { uuid: string; entity?: Record<string, unknown>; changes?: Record<string, unknown> };

/** Fetch that keeps every push answer's successes as they came. */
function recordingPushes(seen: Success[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!String(input).endsWith('/api/v1/sync/push') || !response.ok) return response;
    const text = await response.text();
    seen.push(...(JSON.parse(text) as { results: { success: Success[] } }).results.success);
    return new Response(text, { status: response.status, headers: response.headers });
  };
}

/**
 * A desk asks for its push answers as changes (the values the server set or changed, not those it sent) and, laying
 * them over what it sent, keeps the rows exactly as the server has them.
 */
describe('push answers as changes', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  it('leaves every row on the desk as the server keeps it, an edit of a record just created included', async () => {
    const supervisor = await office.desk('supervisor');
    const product = await supervisor.products.create({ code: 'TEA', name: 'Green leaf', unit: 'kg' });
    await supervisor.rates.set({ product_uuid: product.uuid, rate_minor: 3275, effective_from: '2026-01-01' });
    expect((await supervisor.engine.sync('manual')).outcome).toBe('success');

    const seen: Success[] = [];
    const clerk = await office.desk('clerk', { fetch: recordingPushes(seen) });
    expect((await clerk.engine.sync('manual')).outcome).toBe('success');
    const supplier = await clerk.suppliers.create({ code: 'S-CH', name: 'Chepkoech', phone: '0712 000 111' });
    const collection = await clerk.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 12_500,
      collected_at: '2026-11-20T07:45:00.000Z',
    });
    await clerk.suppliers.update(supplier.uuid, { address: 'Box 7, Litein' });
    expect((await clerk.engine.sync('manual')).outcome).toBe('success');

    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const success of seen) {
      expect(success).not.toHaveProperty('entity');
      expect(success.changes).toMatchObject({ uuid: success.uuid, version: expect.any(Number) });
    }
    // Priced alike on the desk, the collection's answer is its stamps: nothing it sent comes back.
    const answered = seen.find((s) => s.uuid === collection.uuid)!.changes!;
    expect(Object.keys(answered).sort()).toEqual(['created_at', 'updated_at', 'uuid', 'version']);

    const server = await serverExport(office.harness);
    const desk = await exportAll(clerk);
    for (const type of ['suppliers', 'collections'] as const) expect(desk[type]).toEqual(server[type]);
  });
});
