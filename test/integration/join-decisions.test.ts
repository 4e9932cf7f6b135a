import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, termsOf } from '../../shared';
import { TEA_RULE } from '../../shared/pricing/fixtures';
import { MemorySecretStore } from '../../app/main/core/auth/secret-store';
import { createCore, type Core } from '../../app/main/core/create-core';
import { connectDesk } from '../../app/main/core/desk/connect';
import { createLocalAdmin } from '../../app/main/core/desk/local-admin';
import { readOutboxNote } from '../../app/main/core/sync/outbox-note';
import { PASSWORD, startOffice } from './desks';

type Office = Awaited<ReturnType<typeof startOffice>>;

/**
 * The new-user trial: a desk set up alone (admin Grace) with its own TEA, three rates and supplier S-0001, then
 * joined to an office that has another TEA and another S-0001 (Amina Njeri). Joining must not move Grace's
 * deliveries onto Amina unasked, and must not send the desk's tea rates to the office.
 */
describe('joining a locally set-up desk to an office whose codes clash', () => {
  let office: Office;
  const cores: Core[] = [];
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => {
    for (const c of cores) await c.close();
    await office?.close();
  });

  /** The office's S-<n> "Amina Njeri" and <p> "Green tea leaf" at 1.00; a local desk with the trial's records. */
  async function trial(n: string, p: string) {
    const supervisor = await office.desk('supervisor');
    const amina = await supervisor.suppliers.create({ code: `S-${n}`, name: 'Amina Njeri' });
    const tea = await supervisor.products.create({ code: p, name: 'Green tea leaf', unit: 'kg' });
    await supervisor.rates.set({ product_uuid: tea.uuid, rate_minor: 100, effective_from: '2026-01-01' });
    await supervisor.engine.sync('manual');

    const desk = await createCore({
      filename: join(mkdtempSync(join(tmpdir(), 'collectpay-join-')), 'desk.sqlite'),
      secrets: new MemorySecretStore(),
    });
    cores.push(desk);
    await createLocalAdmin(desk, { name: 'Grace', email: 'grace@example.com', password: 'grace password' });
    const localTea = await desk.products.create({ code: p, name: 'Tea leaf (local)', unit: 'kg' });
    await desk.rates.set({ product_uuid: localTea.uuid, rate_minor: 0, effective_from: '2026-11-01' });
    await desk.rates.set({ product_uuid: localTea.uuid, rate_minor: 50, effective_from: '2026-11-01' });
    await desk.rates.set({ product_uuid: localTea.uuid, rate_minor: 50, effective_from: '1999-01-01' });
    const grace = await desk.suppliers.create({ code: `S-${n}`, name: 'Grace Local Supplier' });
    for (let i = 0; i < 12; i++)
      await desk.collections.create({
        supplier_uuid: grace.uuid,
        product_uuid: localTea.uuid,
        quantity_milli: 1_000,
        collected_at: new Date(Date.UTC(2026, 9, 1 + i, 6)).toISOString(),
      });
    const login = { serverUrl: office.url, email: 'clerk@example.com', password: PASSWORD };
    return { desk, amina, tea, localTea, grace, login };
  }

  const db = () => office.harness.test.db;
  const collectionsOf = (supplier: string) =>
    db().selectFrom('collections').select('uuid').where('supplier_uuid', '=', supplier).execute();
  const ratesOf = (product: string) =>
    db()
      .selectFrom('product_rates')
      .select(['rate_minor', 'effective_from'])
      .where('product_uuid', '=', product)
      .execute();

  it('lists each clash with what would move and what would not be sent, proposing a new code when names differ', async () => {
    const { desk, grace, localTea, amina, tea, login } = await trial('0001', 'TEA-1');
    const result = await connectDesk(desk, login);
    expect(result.status).toBe('clashes');
    const seen = result.clashes.map(({ server_row: _row, ...c }) => c);
    expect(seen).toEqual([
      expect.objectContaining({
        entity_type: 'suppliers',
        local_uuid: grace.uuid,
        server_uuid: amina.uuid,
        moves: { collections: 12, payments: 0 },
        local_pricing: { rates: 0, rules: 0, priced_by_rule: 0 },
        suggested: 'recode',
      }),
      expect.objectContaining({
        entity_type: 'products',
        local_uuid: localTea.uuid,
        server_uuid: tea.uuid,
        moves: { collections: 12, payments: 0 },
        local_pricing: { rates: 3, rules: 0, priced_by_rule: 0 },
        suggested: 'merge',
      }),
    ]);
  }, 60_000);

  it('never merges a clash the user did not decide: with only TEA decided, S-0002 is listed again and nothing is sent', async () => {
    const { desk, amina, localTea, login } = await trial('0002', 'TEA-2');
    const result = await connectDesk(desk, login, { decisions: [{ local_uuid: localTea.uuid, action: 'merge' }] });
    expect(result.status).toBe('clashes');
    expect(result.message).toMatch(/Decide about S-0002.*nothing was sent/);
    expect(await collectionsOf(amina.uuid)).toHaveLength(0);
    expect(await desk.outbox.pending()).toHaveLength(1 + 3 + 1 + 12);
  }, 60_000);

  it('refuses a new code the server already uses, naming the field, and sends nothing', async () => {
    const { desk, grace, localTea, login } = await trial('0003', 'TEA-3');
    const other = await office.desk('supervisor');
    await other.suppliers.create({ code: 'S-0103', name: 'Someone else' });
    await other.engine.sync('manual');
    const decisions = [
      { local_uuid: grace.uuid, action: 'recode' as const, code: 's-0103' },
      { local_uuid: localTea.uuid, action: 'merge' as const },
    ];
    const error = await connectDesk(desk, login, { decisions }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual({
      'decisions.0.code': 's-0103 is already used on the server (Someone else)',
    });
    expect(await desk.outbox.pending()).toHaveLength(1 + 3 + 1 + 12);
    expect((await desk.suppliers.get(grace.uuid)).code).toBe('S-0003');
  }, 60_000);

  it('a different grower keeps its own account under a new code; the office supplier and tea rates are untouched, even after a supervisor signs in', async () => {
    const { desk, grace, localTea, amina, tea, login } = await trial('0004', 'TEA-4');
    const result = await connectDesk(desk, login, {
      decisions: [
        { local_uuid: grace.uuid, action: 'recode', code: 'S-0104' },
        { local_uuid: localTea.uuid, action: 'merge' },
      ],
    });
    expect(result.status).toBe('connected');
    // The clerk may not set rates; a supervisor later on this desk would have sent the held ones.
    await desk.auth.login('supervisor@example.com', PASSWORD);
    expect((await desk.engine.sync('manual')).outcome).toBe('success');

    const onServer = await db()
      .selectFrom('suppliers')
      .select(['code', 'name'])
      .where('uuid', '=', grace.uuid)
      .execute();
    expect(onServer).toEqual([{ code: 'S-0104', name: 'Grace Local Supplier' }]);
    expect(await collectionsOf(amina.uuid)).toHaveLength(0);
    expect(await collectionsOf(grace.uuid)).toHaveLength(12);
    expect(await ratesOf(tea.uuid)).toEqual([{ rate_minor: 100, effective_from: '2026-01-01' }]);
    expect(await ratesOf(localTea.uuid)).toEqual([]);
    // Priced by the office's rate (1.00 per kg), not the desk's 0.50.
    const amounts = await db()
      .selectFrom('collections')
      .select('amount_minor')
      .where('supplier_uuid', '=', grace.uuid)
      .execute();
    expect(new Set(amounts.map((a) => Number(a.amount_minor)))).toEqual(new Set([100]));

    // The desk's rates stay on record as discarded, saying why; the desk now prices tea by the office's rates.
    const discarded = await desk.db
      .selectFrom('outbox')
      .select(['last_error', 'status'])
      .where('entity_type', '=', 'product_rates')
      .execute();
    expect(discarded).toHaveLength(3);
    for (const op of discarded) {
      expect(op.status).toBe('discarded');
      expect(readOutboxNote(op.last_error).message).toMatch(/Not sent: TEA-4 .*the office's rates apply/);
    }
    expect((await desk.rates.list(tea.uuid)).map((r) => r.rate_minor)).toEqual([100]);
    expect((await desk.audit.forEntity(grace.uuid)).map((t) => t.action)).toContain('recode');
    expect((await desk.audit.forEntity(localTea.uuid)).map((t) => t.action)).toContain('map');
  }, 60_000);

  it('the same grower, merged on purpose: its deliveries move onto the office supplier', async () => {
    const { desk, grace, localTea, amina, tea, login } = await trial('0005', 'TEA-5');
    const result = await connectDesk(desk, login, {
      decisions: [
        { local_uuid: grace.uuid, action: 'merge' },
        { local_uuid: localTea.uuid, action: 'merge' },
      ],
    });
    expect(result.status).toBe('connected');
    expect(await collectionsOf(amina.uuid)).toHaveLength(12);
    expect(await db().selectFrom('suppliers').select('uuid').where('code', '=', 'S-0005').execute()).toEqual([
      { uuid: amina.uuid },
    ]);
    expect(await ratesOf(tea.uuid)).toHaveLength(1);
  }, 60_000);

  it('a merged product’s local pricing rule is not sent; the collection it priced waits in needs attention, counted beforehand', async () => {
    const { desk, grace, localTea, tea, login } = await trial('0006', 'TEA-6');
    const rule = await desk.pricingRules.create({
      product_uuid: localTea.uuid,
      effective_from: '2026-01-01',
      terms: termsOf(TEA_RULE),
    });
    const byRule = await desk.collections.create({
      supplier_uuid: grace.uuid,
      product_uuid: localTea.uuid,
      collected_at: '2026-10-20T06:00:00Z',
      shift: 'morning',
      gross_weight_milli: 20_000,
      grade: 'A',
    });
    expect(byRule.rule_version_uuid).toBe(rule.uuid);
    const listed = await connectDesk(desk, login);
    expect(listed.clashes.find((c) => c.entity_type === 'products')?.local_pricing).toEqual({
      rates: 3,
      rules: 1,
      priced_by_rule: 1,
    });
    const result = await connectDesk(desk, login, {
      decisions: [
        { local_uuid: grace.uuid, action: 'recode', code: 'S-0106' },
        { local_uuid: localTea.uuid, action: 'merge' },
      ],
    });
    expect(result.status).toBe('connected');
    await desk.auth.login('supervisor@example.com', PASSWORD);
    await desk.engine.sync('manual');
    expect(
      await db()
        .selectFrom('pricing_rules')
        .select('uuid')
        .where('product_uuid', 'in', [tea.uuid, localTea.uuid])
        .execute(),
    ).toEqual([]);
    expect((await desk.outbox.needsAttention()).map((op) => op.entity_uuid)).toEqual([byRule.uuid]);
    expect(await collectionsOf(grace.uuid)).toHaveLength(12);
  }, 60_000);
});
