import { describe, expect, it } from 'vitest';
import { MILK_RULE, TEA_RULE, HILL_ROUTE } from '../../../../../../shared/pricing/fixtures';
import { emptyPreview, previewPrice } from './preview-form';

describe('price preview', () => {
  it('tea: 25 kg gross less two rope sacks at grade A is 23 kg at 24.00', () => {
    const form = { ...emptyPreview(), gross: '25', grade: 'A', containers: { ROPE: '2' } };
    const result = previewPrice(TEA_RULE, form);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.priced).toMatchObject({
      tare_milli: 2000,
      net_quantity_milli: 23_000,
      rate_minor: 2400,
      amount_minor: 55_200,
    });
  });

  it('on the hill route the override’s grade rate applies', () => {
    const form = { ...emptyPreview(), gross: '10.5', grade: 'B', route_uuid: HILL_ROUTE };
    const result = previewPrice(TEA_RULE, form);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.priced).toMatchObject({ rate_minor: 2100, amount_minor: 22_050 });
    expect(result.priced.basis.override).toEqual({ route_uuid: HILL_ROUTE, centre_uuid: null });
  });

  it('milk: readings typed as decimals are taken in their own scale, and the chart cell prices it', () => {
    const form = {
      ...emptyPreview(),
      gross: '22.35',
      readings: { fat: '3.6', snf: '8.55' },
      containers: { 'CAN-7': '1' },
    };
    const result = previewPrice(MILK_RULE, form);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.priced).toMatchObject({ net_quantity_milli: 20_000, rate_minor: 4600, amount_minor: 92_000 });
    expect(result.priced.readings).toEqual({ fat: 360, snf: 855 });
  });

  it('names the field that is wrong: a weight with too many decimals, a reading outside the chart', () => {
    const bad = previewPrice(MILK_RULE, { ...emptyPreview(), gross: '1.2345', readings: { fat: '2', snf: '8.6' } });
    if (bad.ok) throw new Error('expected errors');
    expect(bad.errors.gross_weight_milli).toBe('allows at most 3 decimal places');
    const outside = previewPrice(MILK_RULE, { ...emptyPreview(), gross: '10', readings: { fat: '2', snf: '8.6' } });
    if (outside.ok) throw new Error('expected errors');
    expect(outside.errors['readings.fat']).toMatch(/outside the chart/);
  });
});
