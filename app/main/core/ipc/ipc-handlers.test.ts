import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../../../shared/ipc/contract';
import { createIpcHandlers } from './ipc-handlers';
import { chromiumPrinter } from '../reports/chromium-printer';
import { dispatch } from '../dispatch';
import { JsonSettingsStore } from '../settings';
import { seedBasics, tempCore } from '../test-support';
import { join } from 'node:path';

describe('the IPC handler map', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  afterEach(async () => core?.cleanup());

  it('covers every contract channel with a function, and nothing else', async () => {
    core = await tempCore();
    const api = createIpcHandlers(
      core,
      new JsonSettingsStore(join(core.dir, 'settings.json')),
      chromiumPrinter(join(core.dir, 'reports')),
    );
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(typeof api[channel]).toBe('function');
    expect(Object.keys(contract).length).toBeGreaterThan(30);
  });

  it('validates input before a handler runs and returns errors as data', async () => {
    core = await tempCore();
    const api = createIpcHandlers(
      core,
      new JsonSettingsStore(join(core.dir, 'settings.json')),
      chromiumPrinter(join(core.dir, 'reports')),
    );
    expect(await dispatch(api, 'nope.nothing', {})).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Unknown channel: nope.nothing' },
    });
    const bad = await dispatch(api, 'suppliers.create', { code: '', name: 'x', extra: 1 });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: { code: 'is required', _: 'has unknown field(s): extra' } },
    });
    const { supplier, product } = await seedBasics(core);
    const quote = await dispatch(api, 'collections.quote', {
      product_uuid: product.uuid,
      quantity_milli: 12500,
      collected_at: '2026-11-20T08:00:00Z',
    });
    expect(quote).toEqual({
      ok: true,
      value: { rate_minor: 3275, amount_minor: 40938, date: '2026-11-20', problem: null },
    });
    const created = await dispatch(api, 'collections.create', {
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: 12500,
    });
    expect(created.ok).toBe(true);
    // Kilograms and litres are totalled apart, never added together.
    const milk = await core.products.create({ code: 'MILK', name: 'Fresh milk', unit: 'l' });
    await core.rates.set({ product_uuid: milk.uuid, rate_minor: 4550, effective_from: '2026-01-01' });
    await core.collections.create({ supplier_uuid: supplier.uuid, product_uuid: milk.uuid, quantity_milli: 5000 });
    const summary = await dispatch(api, 'dashboard.summary', {});
    expect(summary).toMatchObject({
      ok: true,
      value: {
        collections: {
          count: 2,
          amount_minor: 40938 + 22750,
          by_unit: [
            { unit: 'kg', quantity_milli: 12500 },
            { unit: 'l', quantity_milli: 5000 },
          ],
        },
      },
    });
    const ledger = await dispatch(api, 'suppliers.ledger', { uuid: supplier.uuid });
    expect(ledger).toMatchObject({
      ok: true,
      value: {
        balance: { balance_minor: 40938 + 22750 },
        lines: [
          { kind: 'collection', unit: 'kg', balance_minor: 40938 },
          { kind: 'collection', unit: 'l', balance_minor: 40938 + 22750 },
        ],
      },
    });
  });
});
