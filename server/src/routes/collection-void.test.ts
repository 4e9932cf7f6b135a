import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { op, push, seedReference, startHarness, type Harness } from '../../test/harness';

/**
 * A collection's void on the wire is the op the desk's `collections.void` queues: a delete carrying uuid,
 * version and deleted_at (collection-void.test.ts holds that shape). The server applies the same rule as the
 * desk, from the one permissions table: a supervisor's is applied, a clerk's is refused.
 */
describe("a collection's void, pushed", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  async function typo() {
    const { supplier, product } = await seedReference(h, 2450);
    const clerk = await h.desk('clerk');
    const uuid = newId();
    const created = await push(h, clerk, [
      op('collections', 'create', {
        uuid,
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        collected_at: '2026-11-20T07:45:00Z',
        quantity_milli: 100_000_000,
      }),
    ]);
    expect(created.body.results.success).toHaveLength(1);
    return { clerk, uuid, version: created.body.results.success[0].entity.version as number };
  }

  const voidOp = (uuid: string, version: number) =>
    op('collections', 'delete', { uuid, version, deleted_at: '2026-11-20T09:00:00.000Z' });

  async function deletedAt(uuid: string) {
    const { rows } = await sql<{
      deleted_at: Date | null;
    }>`select deleted_at from collections where uuid = ${uuid}`.execute(h.test.db);
    return rows[0]!.deleted_at;
  }

  it("refuses a clerk's void, leaving the collection live", async () => {
    const { clerk, uuid, version } = await typo();
    const res = await push(h, clerk, [voidOp(uuid, version)]);
    expect(res.status).toBe(200);
    expect(res.body.results.success).toHaveLength(0);
    expect(res.body.results.errors).toMatchObject([
      { status: 403, code: 'FORBIDDEN', message: 'Only a supervisor may delete collections' },
    ]);
    expect(await deletedAt(uuid)).toBeNull();
  });

  it("applies a supervisor's void", async () => {
    const { uuid, version } = await typo();
    const supervisor = await h.desk('supervisor');
    const res = await push(h, supervisor, [voidOp(uuid, version)]);
    expect(res.body.results.errors).toEqual([]);
    expect(res.body.results.success[0].entity.deleted_at).not.toBeNull();
    expect(await deletedAt(uuid)).not.toBeNull();
  });
});
