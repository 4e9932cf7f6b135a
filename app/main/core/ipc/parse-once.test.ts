import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { dateField, SupplierCreateSchema, termsOf, uuidField } from '../../../../shared';
import { TEA_RULE } from '../../../../shared/pricing/fixtures';
import type { Channel } from '../../../../shared/ipc/contract';
import * as validation from '../../../../shared/validation';
import { dispatch } from '../dispatch';
import { importSuppliers } from '../io/import-suppliers';
import { chromiumPrinter } from '../reports/chromium-printer';
import { JsonSettingsStore } from '../settings';
import { seedBasics, tempCore } from '../test-support';
import { createIpcHandlers } from './ipc-handlers';

// Every caller of parseInput (dispatch and the services alike) goes through this wrapper, so the test can count
// which schemas one round trip parses.
vi.mock('../../../../shared/validation', async (importOriginal) => {
  const actual = await importOriginal<typeof validation>();
  return { ...actual, parseInput: vi.fn(actual.parseInput) };
});

/** The shape parses of the last round trip: a record's uuid or a date looked up on its own is not a shape. */
function shapeParses(): z.ZodType[] {
  const calls = vi.mocked(validation.parseInput).mock.calls.map(([schema]) => schema);
  return calls.filter((schema) => schema !== uuidField && schema !== dateField);
}

describe('an entity write through IPC', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  afterEach(async () => core?.cleanup());

  it('parses its input once, at dispatch, and the service writes the parsed value', async () => {
    core = await tempCore();
    const api = createIpcHandlers(
      core,
      new JsonSettingsStore(join(core.dir, 'settings.json')),
      chromiumPrinter(join(core.dir, 'reports')),
    );
    const { supplier, product } = await seedBasics(core);
    const call = async (channel: Channel, input: unknown) => {
      vi.mocked(validation.parseInput).mockClear();
      const result = await dispatch(api, channel, input);
      expect(result, channel).toMatchObject({ ok: true });
      expect(shapeParses(), channel).toHaveLength(1);
      return (result as { value: { uuid: string } }).value;
    };

    const s = await call('suppliers.create', { code: ' S-0002 ', name: 'Otieno' });
    expect(s).toMatchObject({ code: 'S-0002', active: true });
    await call('suppliers.update', { uuid: s.uuid, patch: { name: 'Otieno Ouma' } });
    const p = await call('products.create', { code: 'MILK', name: 'Milk', unit: 'l' });
    await call('products.update', { uuid: p.uuid, patch: { name: 'Fresh milk' } });
    await call('rates.set', { product_uuid: p.uuid, rate_minor: 4550, effective_from: '2026-01-01' });
    const c = await call('collections.create', {
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 12_500,
      collected_at: '2026-11-20T08:00:00Z',
    });
    await call('collections.update', { uuid: c.uuid, patch: { quantity_milli: 13_000 } });
    const pay = await call('payments.create', {
      supplier_uuid: supplier.uuid,
      amount_minor: 10_000,
      type: 'advance',
      method: 'cash',
    });
    await call('payments.update', { uuid: pay.uuid, patch: { reference: 'R-1' } });
    await call('payments.void', { uuid: pay.uuid, reason: 'paid twice' });
    await call('charges.create', {
      code: 'MGT',
      name: 'Management fee',
      kind: 'percent',
      value: 1_500,
      product_uuid: null,
      active_from: '2026-01-01',
      active_to: null,
    });
    const route = await call('routes.create', { code: 'HILL', name: 'Hill route' });
    await call('routes.update', { uuid: route.uuid, patch: { name: 'Hill' } });
    const centre = await call('centres.create', { code: 'C-1', name: 'Centre one' });
    await call('centres.update', { uuid: centre.uuid, patch: { active: false } });
    await call('pricingRules.create', {
      product_uuid: product.uuid,
      effective_from: '2026-03-01',
      terms: termsOf(TEA_RULE),
    });
    await call('credits.create', {
      supplier_uuid: supplier.uuid,
      kind: 'input',
      description: 'Fertiliser, 2 bags',
      principal_minor: 90_000,
      instalment_minor: 30_000,
      issued_on: '2026-10-25',
    });
  });

  it('still parses once when a service is called without dispatch (the CLI, a seed)', async () => {
    core = await tempCore();
    vi.mocked(validation.parseInput).mockClear();
    await expect(core.suppliers.create({ code: '', name: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { code: 'is required' },
    });
    const s = await core.suppliers.create({ code: 'S-0003', name: 'Wanjiru' });
    expect(shapeParses()).toHaveLength(2);
    expect(s.active).toBe(true);
  });

  it('parses each row of a suppliers CSV once, where the import checks it', async () => {
    core = await tempCore();
    const safeParse = vi.spyOn(SupplierCreateSchema, 'safeParse');
    try {
      const report = await importSuppliers(core, 'code,name,active\nS-0101,Akinyi,yes\nS-0102,Baraka,no\n');
      expect(report).toEqual({ imported: 2, rejected: [] });
      expect(safeParse).toHaveBeenCalledTimes(2);
    } finally {
      safeParse.mockRestore();
    }
    expect((await core.suppliers.getByCode('S-0102')).active).toBe(false);
  });
});
