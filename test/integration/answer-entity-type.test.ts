import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice } from './desks';

/** A push answer whose entity_type names another table (a broken or hostile server) rewrites what it says. */
function renamingAnswers(entityType: string): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!String(input).endsWith('/api/v1/sync/push') || !response.ok) return response;
    const body = (await response.json()) as { results: Record<string, { entity_type?: string }[]> };
    for (const list of Object.values(body.results)) for (const item of list) item.entity_type = entityType;
    return new Response(JSON.stringify(body), {
      status: response.status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

describe('a push answer never names a local table', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  it('stores the answer in the table of the op this desk sent, whatever entity_type the answer claims', async () => {
    const desk = await office.desk('clerk', { fetch: renamingAnswers('outbox') });
    const supplier = await desk.suppliers.create({ code: 'S-ANS', name: 'Amina Njeri' });
    const result = await desk.engine.sync('manual');
    expect(result).toMatchObject({ outcome: 'success', pushed: 1, errors: 0 });
    expect(await desk.suppliers.get(supplier.uuid)).toMatchObject({ version: 1, sync_status: 'synced' });
    const outbox = desk.sqlite.prepare('select status, entity_type from outbox').all();
    expect(outbox).toEqual([{ status: 'completed', entity_type: 'suppliers' }]);
  });
});
