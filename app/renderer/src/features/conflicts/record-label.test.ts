import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../../../shared';
import type { LocalConflict } from '../../../../../shared/ipc/types';
import { recordLabel, type LabelOptions } from './record-label';

const SUPPLIER = '0190e0b4-0000-7000-8000-0000000000b1';
const PRODUCT = '0190e0b4-0000-7000-8000-0000000000c1';
const names: Record<string, string> = { [SUPPLIER]: 'Amina Njeri (S-0001)', [PRODUCT]: 'Green tea leaf (TEA)' };
const options: LabelOptions = {
  nameOf: (uuid) => names[uuid],
  money: (minor) => formatMoney(minor, { currency: 'KES', locale: 'en-KE' }),
  timeZone: 'Africa/Nairobi',
  locale: 'en-GB',
};

function conflict(entity_type: string, data: Record<string, unknown>, uuid = '0190e0b4-0000-7000-8000-00a1b2c3d4e5') {
  return {
    entity_type,
    entity_uuid: uuid,
    client_data: { uuid },
    server_data: { uuid, ...data },
    current: null,
  } satisfies Partial<LocalConflict>;
}

describe("the conflicts list's Record column", () => {
  it('names a supplier by code and name', () => {
    expect(recordLabel(conflict('suppliers', { code: 'S-0001', name: 'Amina Njeri' }), options)).toBe(
      'Supplier · S-0001 · Amina Njeri',
    );
  });

  it("names a collection by its day on the org's clock, its supplier and its product", () => {
    // 22:30 UTC on the 20th is already the 21st in Kericho.
    const c = conflict('collections', {
      collected_at: '2026-11-20T22:30:00.000Z',
      supplier_uuid: SUPPLIER,
      product_uuid: PRODUCT,
    });
    expect(recordLabel(c, options)).toBe('Collection · 21 Nov 2026 · Amina Njeri (S-0001) · Green tea leaf (TEA)');
  });

  it('names a payment by its receipt number, day, supplier and amount', () => {
    const p = conflict('payments', {
      paid_at: '2026-11-20T08:00:00.000Z',
      supplier_uuid: SUPPLIER,
      amount_minor: 50_000,
    });
    expect(recordLabel(p, options)).toBe(
      `Payment · receipt 00A1B2C3D4E5 · 20 Nov 2026 · Amina Njeri (S-0001) · ${options.money(50_000)}`,
    );
  });

  it('falls back to the end of the uuid where a reference is not known yet, or the row says nothing', () => {
    const rate = conflict('product_rates', {
      product_uuid: '0190e0b4-0000-7000-8000-0000000000ff',
      effective_from: '2026-06-01',
    });
    expect(recordLabel(rate, options)).toBe('Product rate · …000000ff · from 2026-06-01');
    expect(recordLabel(conflict('routes', {}), options)).toBe('Route · …b2c3d4e5');
  });
});
