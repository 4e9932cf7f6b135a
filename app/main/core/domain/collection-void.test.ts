import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chromiumPrinter } from '../reports/chromium-printer';
import { dispatch } from '../dispatch';
import { createIpcHandlers } from '../ipc/ipc-handlers';
import { JsonSettingsStore } from '../settings';
import { CLERK, countRows, seedBasics, tempCore } from '../test-support';
import { collectionViews } from '../views';
import { entryTerms } from './entry-terms';

type TempCore = Awaited<ReturnType<typeof tempCore>>;

describe("a collection's void", () => {
  let core: TempCore;
  afterEach(async () => core?.cleanup());

  async function typo() {
    const { supplier, product } = await seedBasics(core, 2450);
    await core.collections.create({ supplier_uuid: supplier.uuid, product_uuid: product.uuid, quantity_milli: 24_000 });
    const wrong = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 100_000_000,
    });
    return { supplier, product, wrong };
  }

  it('is one tombstone op and one "void" audit entry keeping the reason, and leaves the balance', async () => {
    core = await tempCore();
    const { supplier, wrong } = await typo();
    expect((await core.balances.of(supplier.uuid)).collected_minor).toBe(58_800 + 245_000_000);
    const before = { outbox: await countRows(core, 'outbox'), audit: await countRows(core, 'audit') };

    await core.collections.void({ uuid: wrong.uuid, reason: 'Typed 100000 for 10' });

    expect(await countRows(core, 'outbox')).toBe(before.outbox + 1);
    expect(await countRows(core, 'audit')).toBe(before.audit + 1);
    const op = await core.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(op).toMatchObject({ entity_uuid: wrong.uuid, operation: 'delete' });
    expect(Object.keys(JSON.parse(op.payload) as object).sort()).toEqual(['deleted_at', 'uuid', 'version']);
    const trail = await core.audit.forEntity(wrong.uuid);
    expect(trail.map((e) => e.action)).toEqual(['create', 'void']);
    expect(trail[1]!.after).toMatchObject({ void_reason: 'Typed 100000 for 10' });

    expect((await core.balances.of(supplier.uuid)).collected_minor).toBe(58_800);
    expect((await collectionViews(core, {})).rows.map((r) => r.uuid)).not.toContain(wrong.uuid);
    const listed = await collectionViews(core, { includeVoided: true });
    expect(listed.total).toBe(2);
    expect(listed.rows.find((r) => r.uuid === wrong.uuid)).toMatchObject({ void_reason: 'Typed 100000 for 10' });
    expect(listed.rows.find((r) => r.uuid !== wrong.uuid)).toMatchObject({ deleted_at: null, void_reason: null });

    await expect(core.collections.void({ uuid: wrong.uuid, reason: 'again, again' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'This collection is already voided',
    });
  });

  it('is refused to a clerk, writing nothing', async () => {
    core = await tempCore();
    const { wrong } = await typo();
    const before = await countRows(core, 'outbox');
    core.setSession(CLERK);
    await expect(core.collections.void({ uuid: wrong.uuid, reason: 'Clerk tries' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only a supervisor may delete collections',
    });
    expect(await countRows(core, 'outbox')).toBe(before);
    expect((await core.collections.get(wrong.uuid)).deleted_at).toBeNull();
  });

  it('needs a reason, named as the field, through the IPC channel', async () => {
    core = await tempCore();
    const { wrong } = await typo();
    const api = createIpcHandlers(
      core,
      new JsonSettingsStore(join(core.dir, 'settings.json')),
      chromiumPrinter(join(core.dir, 'reports')),
    );
    expect(await dispatch(api, 'collections.void', { uuid: wrong.uuid, reason: ' x ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: { reason: 'must say why (at least 3 characters)' } },
    });
    expect(await dispatch(api, 'collections.void', { uuid: wrong.uuid, reason: 'Wrong supplier' })).toMatchObject({
      ok: true,
    });
  });
});

describe("the product's usual delivery", () => {
  let core: TempCore;
  afterEach(async () => core?.cleanup());

  it('is the median of its last live deliveries, a voided typo left out', async () => {
    core = await tempCore();
    const { supplier, product } = await seedBasics(core);
    const terms = () => entryTerms(core.db, { product_uuid: product.uuid, date: '2026-06-01' });
    const at = (i: number) => `2026-05-${String(i + 1).padStart(2, '0')}T07:00:00Z`;
    const weights = [20_000, 24_600, 30_000, 22_000];
    for (const [i, quantity_milli] of weights.entries())
      await core.collections.create({
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        quantity_milli,
        collected_at: at(i),
      });
    expect((await terms()).usual_milli).toBeNull();
    const typo = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 100_000_000,
      collected_at: at(5),
    });
    expect((await terms()).usual_milli).toBe(24_600);
    await core.collections.void({ uuid: typo.uuid, reason: 'Typo' });
    expect((await terms()).usual_milli).toBeNull();
  });
});
