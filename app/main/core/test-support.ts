import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../../../shared';
import { createCore, type Core, type CoreOptions } from './create-core';
import type { Session } from './domain/context';
import { storeServerRows } from './sync/apply-remote';

const SUPERVISOR: Session = { userId: 'user-supervisor', role: 'supervisor' };
export const CLERK: Session = { userId: 'user-clerk', role: 'clerk' };

/** A core on a real SQLite file in a fresh temporary folder; `cleanup` closes and removes it. */
export async function tempCore(
  options: Partial<CoreOptions> = {},
): Promise<Core & { dir: string; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'collectpay-core-'));
  const core = await createCore({
    filename: join(dir, 'desk.sqlite'),
    deviceId: newId(),
    session: SUPERVISOR,
    ...options,
  });
  return Object.assign(core, {
    dir,
    async cleanup() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** A supplier, a product and a rate in force from 2026-01-01, ready for collections. */
export async function seedBasics(core: Core, rateMinor = 3275) {
  const supplier = await core.suppliers.create({ code: 'S-0001', name: 'Amina Njeri' });
  const product = await core.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
  const rate = await core.rates.set({
    product_uuid: product.uuid,
    rate_minor: rateMinor,
    effective_from: '2026-01-01',
  });
  return { supplier, product, rate };
}

export async function countRows(core: Core, table: 'outbox' | 'audit' | 'suppliers' | 'collections' | 'payments') {
  const { n } = await core.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export interface StoredRunSpec {
  code: string;
  from: string;
  to: string;
  /** The suppliers with a line in the run (whose period it closes). */
  suppliers: string[];
  status?: 'draft' | 'approved' | 'paid';
  kind?: 'regular' | 'bonus';
  product_uuid?: string | null;
}

/** A settlement run and its lines stored on the desk as a pull or an approval's answer stores them. */
export async function storeRun(core: Core, spec: StoredRunSpec): Promise<string> {
  const at = '2026-11-29T10:00:00.000Z';
  const base = { version: 1, created_at: at, updated_at: at, deleted_at: null, created_by: null, updated_by: null };
  const money = {
    gross_minor: 0,
    deductions_minor: 0,
    net_minor: 0,
    carried_forward_minor: 0,
    credit_remaining_minor: 0,
  };
  const run = {
    ...base,
    uuid: newId(),
    code: spec.code,
    name: `Run ${spec.code}`,
    kind: spec.kind ?? 'regular',
    period_from: spec.from,
    period_to: spec.to,
    route: '',
    product_uuid: spec.product_uuid ?? null,
    bonus_rates_json: '[]',
    status: spec.status ?? 'approved',
    computed_at: at,
    approved_at: spec.status === 'draft' ? null : at,
    approved_by: null,
    suppliers: spec.suppliers.length,
    due_minor: 0,
    by_deduction_json: '[]',
    ...money,
  };
  const lines = spec.suppliers.map((supplier_uuid, i) => ({
    ...base,
    ...money,
    uuid: newId(),
    run_uuid: run.uuid,
    supplier_uuid,
    supplier_code: `S-${i}`,
    supplier_name: `Supplier ${i}`,
    route: '',
    gross_lines_json: '[]',
    deductions_json: '[]',
    carried_forward_json: '[]',
    credits_json: '[]',
    payout_reference: `${spec.code}-${i}`,
    payout_status: 'pending',
    payout_provider_reference: '',
    payout_message: '',
    paid_at: null,
  }));
  await core.ctx.write(async (trx) => {
    await storeServerRows(trx, core.ctx.rows, 'settlement_runs', [run]);
    await storeServerRows(trx, core.ctx.rows, 'settlement_lines', lines);
  });
  return run.uuid;
}
