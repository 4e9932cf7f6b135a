import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { FetchLike } from '../../app/main/core/sync/http-client';
import { MemorySecretStore } from '../../app/main/core/auth/secret-store';
import { createCore, type Core } from '../../app/main/core/create-core';
import { createHandlerEnv } from '../../app/main/core/ipc/handler-env';
import type { ReportPrinter } from '../../app/main/core/reports/printer';
import { renderReport } from '../../app/main/core/reports/reports';
import { JsonSettingsStore } from '../../app/main/core/settings';
import { startOffice } from './desks';

const OFFICE = 'Africa/Nairobi';
/** The computer the desk runs on is set to another zone: 03:04 UTC is 06:04 in Nairobi, 19:04 the day before here. */
const HOST = 'America/Los_Angeles';
const DELIVERED = '2026-11-28T03:04:00.000Z';
const PRINTED = Date.parse('2026-11-29T03:31:00.000Z');
const STATEMENT_DAY = '2026-11-28';

const printer: ReportPrinter = {
  print: async () => ({ ok: false, message: 'no printer in this test' }),
  savePdf: async () => ({ ok: false, message: 'no printer in this test' }),
};

/** A statement of the day on this desk, with the page head this desk prints (printed-at on its clock). */
async function statementOf(core: Core, dir: string, supplierUuid: string) {
  const env = createHandlerEnv(core, new JsonSettingsStore(join(dir, `settings-${core.deviceId}.json`)), printer);
  const spec = { kind: 'statement', supplier_uuid: supplierUuid, from: STATEMENT_DAY, to: STATEMENT_DAY } as const;
  return (await renderReport(core, spec, env.reportContext())).html;
}

/** The answer of an older server: the token pair without `office`. */
function withoutOffice(send: FetchLike = fetch): FetchLike {
  return async (input, init) => {
    const response = await send(input, init);
    if (!String(input).includes('/api/v1/auth/')) return response;
    const body = (await response.json()) as Record<string, unknown>;
    delete body.office;
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  };
}

/** Every desk of an office dates, totals and prints on the office's clock, which the server tells it. */
describe('the office clock comes from the server', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  beforeAll(async () => {
    office = await startOffice({ orgTimeZone: OFFICE, orgCurrency: 'KES' });
  });
  afterAll(async () => {
    await office?.close();
  });

  it('a desk on another zone takes the office’s on sign-in, prints by it, and keeps it offline after a restart', async () => {
    const desk = await office.desk('supervisor', { orgTimeZone: HOST, clock: () => PRINTED });
    expect(desk.ctx.orgTimeZone).toBe(OFFICE);
    const env = createHandlerEnv(desk, new JsonSettingsStore(join(office.dir, 'settings.json')), printer);
    expect((await env.sessionInfo()).orgTimeZone).toBe(OFFICE);
    expect(env.today().date).toBe('2026-11-29');
    // The office's currency is this desk's too, and Settings refuses another beside the field.
    expect((await env.sessionInfo()).officeCurrency).toBe('KES');
    expect(env.settings.get().currency).toBe('KES');
    expect(() => env.settings.set({ currency: 'JPY' })).toThrow(
      expect.objectContaining({ fields: { currency: "is the office's (KES), set on the server" } }),
    );
    expect(env.settings.set({ companyName: 'Kericho Tea Buyers' }).currency).toBe('KES');

    const supplier = await desk.suppliers.create({ code: 'S-0601', name: 'Chebet Kirui' });
    const tea = await desk.products.create({ code: 'TEA', name: 'Green tea leaf', unit: 'kg' });
    await desk.rates.set({ product_uuid: tea.uuid, rate_minor: 2450, effective_from: '2026-01-01' });
    await desk.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: tea.uuid,
      quantity_milli: 12_500,
      collected_at: DELIVERED,
    });
    const before = await statementOf(desk, office.dir, supplier.uuid);
    expect(before).toContain('2026-11-28 06:04');
    expect(before).toContain('2026-11-29 06:31');
    expect(before).not.toContain('19:04');
    expect(before).toContain('KES');
    expect(before).not.toContain('$');

    // Restart with no network: the stored office zone, not the host's, is the clock.
    const file = join(office.dir, 'desk-1.sqlite');
    await desk.close();
    const again = await createCore({
      filename: file,
      orgTimeZone: HOST,
      clock: () => PRINTED,
      serverUrl: office.url,
      secrets: new MemorySecretStore(),
      fetch: () => Promise.reject(new TypeError('fetch failed: network is down')),
    });
    try {
      expect(again.ctx.orgTimeZone).toBe(OFFICE);
      expect(again.officeCurrency()).toBe('KES');
      const after = await statementOf(again, office.dir, supplier.uuid);
      expect(after).toContain('2026-11-28 06:04');
      expect(after).toContain('2026-11-29 06:31');
    } finally {
      await again.close();
    }
  });

  it('a desk of an older server (no office in the answer) keeps its default and syncs; a refresh from a newer one brings it', async () => {
    let upgraded = false;
    const strip = withoutOffice();
    const secrets = new MemorySecretStore();
    const desk = await office.desk('clerk', {
      orgTimeZone: HOST,
      secrets,
      fetch: (input, init) => (upgraded ? fetch(input, init) : strip(input, init)),
    });
    expect(desk.ctx.orgTimeZone).toBe(HOST);
    expect(desk.officeCurrency()).toBeNull();
    const env = createHandlerEnv(desk, new JsonSettingsStore(join(office.dir, 'older.json')), printer);
    expect(env.settings.set({ currency: 'JPY' }).currency).toBe('JPY');
    expect((await desk.engine.sync('manual')).outcome).not.toBe('error');

    upgraded = true;
    await secrets.set('access_expires_at', '0');
    await desk.auth.accessToken();
    expect(desk.ctx.orgTimeZone).toBe(OFFICE);
    expect(env.settings.get().currency).toBe('KES');
  });

  it('a zone this desk does not know is refused with the field named', async () => {
    const desk = office.desk('clerk', {
      orgTimeZone: HOST,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (!String(input).includes('/api/v1/auth/login')) return response;
        const body = (await response.json()) as Record<string, unknown>;
        return new Response(JSON.stringify({ ...body, office: { time_zone: 'Mars/Olympus_Mons' } }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await expect(desk).rejects.toThrow(/office\.time_zone/);
  });
});
