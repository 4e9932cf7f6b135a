import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../../../shared';
import { changeLabel, type LabelOptions } from './record-label';

const SUPPLIER = '0190e0b4-0000-7000-8000-0000000000b1';
const PRODUCT = '0190e0b4-0000-7000-8000-0000000000c1';
const UUID = '0190e0b4-0000-7000-8000-00a1b2c3d4e5';
const options: LabelOptions = {
  nameOf: (uuid) => ({ [SUPPLIER]: 'Amina Njeri (S-0004)', [PRODUCT]: 'Green tea leaf (TEA)' })[uuid],
  unitOf: (uuid) => (uuid === PRODUCT ? 'kg' : undefined),
  money: (minor) => formatMoney(minor, { currency: 'KES', locale: 'en-KE' }),
  timeZone: 'Africa/Nairobi',
  locale: 'en-GB',
};
const op = (entity_type: string, operation: string, payload: Record<string, unknown>) => ({
  entity_type,
  entity_uuid: UUID,
  operation,
  payload: { uuid: UUID, ...payload },
});

describe('a queued change as the Sync screen names it', () => {
  it('a new collection by day, supplier, product and quantity with its unit', () => {
    const created = op('collections', 'create', {
      collected_at: '2026-11-20T05:00:00.000Z',
      supplier_uuid: SUPPLIER,
      product_uuid: PRODUCT,
      quantity_milli: 25_400,
    });
    expect(changeLabel(created, options)).toBe(
      'New collection · 20 Nov 2026 · Amina Njeri (S-0004) · Green tea leaf (TEA) · 25.4 kg',
    );
  });

  it('a void, a change and a deletion, by what they carry; never the bare type and uuid', () => {
    const voided = op('payments', 'update', { voided_at: '2026-11-21T09:00:00.000Z', void_reason: 'typo' });
    expect(changeLabel(voided, options)).toBe('Payment voided · receipt 00A1B2C3D4E5');
    expect(changeLabel(op('suppliers', 'update', { name: 'Amina N.' }), options)).toBe('Supplier changed · Amina N.');
    expect(changeLabel(op('collections', 'delete', {}), options)).toBe('Collection deleted · …b2c3d4e5');
    expect(changeLabel(op('product_rates', 'create', { product_uuid: PRODUCT }), options)).toBe(
      'New product rate · Green tea leaf (TEA)',
    );
  });
});
