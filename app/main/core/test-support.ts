import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../../../shared';
import { createCore, type Core, type CoreOptions } from './create-core';
import type { Session } from './domain/context';

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
