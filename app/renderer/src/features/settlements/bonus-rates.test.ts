import { describe, expect, it } from 'vitest';
import { readBonusRates } from './bonus-rates';

const TEA = { uuid: '00000000-0000-4000-8000-000000000001', code: 'TEA', name: 'Green tea leaf', unit: 'kg' };
const MILK = { uuid: '00000000-0000-4000-8000-000000000002', code: 'MILK', name: 'Milk', unit: 'l' };

describe('second payment rates as typed', () => {
  it('turns decimals into minor units and leaves blank products out', () => {
    const read = readBonusRates([TEA, MILK], { [TEA.uuid]: ' 0.50 ', [MILK.uuid]: '' }, 'USD');
    expect(read).toEqual({ ok: true, rates: [{ product_uuid: TEA.uuid, rate_minor: 50, product: TEA }] });
    expect(readBonusRates([TEA], { [TEA.uuid]: '3' }, 'KWD')).toMatchObject({ rates: [{ rate_minor: 3_000 }] });
  });

  it('names each bad rate beside its product, and asks for at least one', () => {
    expect(readBonusRates([TEA, MILK], { [TEA.uuid]: '0.505', [MILK.uuid]: '0' }, 'USD')).toEqual({
      ok: false,
      errors: {
        [TEA.uuid]: 'Rate allows at most 2 decimal places',
        [MILK.uuid]: 'Rate must be more than zero (leave it blank to pay nothing)',
      },
    });
    expect(readBonusRates([TEA], {}, 'USD')).toEqual({
      ok: false,
      errors: { _: 'Give a rate per unit for at least one product' },
    });
  });
});
