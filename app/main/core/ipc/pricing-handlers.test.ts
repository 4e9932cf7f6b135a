import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { termsOf } from '../../../../shared';
import { TEA_RULE } from '../../../../shared/pricing/fixtures';
import { dispatch } from '../dispatch';
import { chromiumPrinter } from '../reports/chromium-printer';
import { JsonSettingsStore } from '../settings';
import { CLERK, tempCore } from '../test-support';
import { createIpcHandlers } from './ipc-handlers';

/** The pricing screens' channels: rule versions (withdrawn ones listed on request), routes and centres. */
describe('pricing channels', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  afterEach(async () => core?.cleanup());
  const handlers = () =>
    createIpcHandlers(
      core,
      new JsonSettingsStore(join(core.dir, 'settings.json')),
      chromiumPrinter(join(core.dir, 'r')),
    );

  it('routes: create, list active by code, deactivate, list all on request', async () => {
    core = await tempCore();
    const api = handlers();
    const hill = await api['routes.create']({ code: 'HILL', name: 'Hill route', notes: '', active: true });
    await api['routes.create']({ code: 'EAST', name: 'East route', notes: '', active: true });
    await api['routes.update']({ uuid: hill.uuid, patch: { active: false } });
    const active = await api['routes.list']({});
    const all = await api['routes.list']({ includeInactive: true });
    expect(active.map((r) => r.code)).toEqual(['EAST']);
    expect(all.map((r) => [r.code, r.active])).toEqual([
      ['EAST', true],
      ['HILL', false],
    ]);
    expect(await dispatch(api, 'centres.create', { code: '', name: 'Upper' })).toMatchObject({
      ok: false,
      error: { fields: { code: 'is required' } },
    });
  });

  it('rule versions: a bad terms value names the path inside it; a withdrawn version is listed only on request', async () => {
    core = await tempCore();
    const api = handlers();
    const tea = await core.products.create({ code: 'TEA', name: 'Tea', unit: 'kg' });
    const bad = { ...TEA_RULE, rate: { by: 'grade', grades: [{ code: 'A', label: '', rate_minor: -1 }] } };
    expect(
      await dispatch(api, 'pricingRules.create', {
        product_uuid: tea.uuid,
        effective_from: '2026-03-01',
        terms: termsOf(bad as typeof TEA_RULE),
      }),
    ).toMatchObject({ ok: false, error: { fields: { 'terms.rate.grades.0.rate_minor': expect.any(String) } } });
    const made = await api['pricingRules.create']({
      product_uuid: tea.uuid,
      effective_from: '2026-03-01',
      terms: termsOf({ ...TEA_RULE, overrides: [] }),
      notes: '',
    });
    await api['pricingRules.withdraw']({ uuid: made.uuid });
    expect(await api['pricingRules.list']({ product_uuid: tea.uuid })).toEqual([]);
    const all = await api['pricingRules.list']({ product_uuid: tea.uuid, includeWithdrawn: true });
    expect(all.map((r) => [r.uuid, Boolean(r.deleted_at)])).toEqual([[made.uuid, true]]);
  });

  it('a clerk may list but not write rules or routes', async () => {
    core = await tempCore();
    const api = handlers();
    const tea = await core.products.create({ code: 'TEA', name: 'Tea', unit: 'kg' });
    core.setSession(CLERK);
    expect(await dispatch(api, 'pricingRules.list', { product_uuid: tea.uuid })).toEqual({ ok: true, value: [] });
    expect(await dispatch(api, 'routes.create', { code: 'HILL', name: 'Hill' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await dispatch(api, 'pricingRules.create', {
        product_uuid: tea.uuid,
        effective_from: '2026-03-01',
        terms: termsOf({ ...TEA_RULE, overrides: [] }),
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
