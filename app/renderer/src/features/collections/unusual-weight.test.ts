import { describe, expect, it } from 'vitest';
import type { EntryTerms } from '../../../../../shared/ipc/types';
import { unusualWeightQuestion } from './unusual-weight';

const terms = (usual_milli: number | null): EntryTerms => ({
  date: '2026-06-01',
  rule: null,
  rate_minor: 2450,
  route_uuid: null,
  centre_uuid: null,
  centres: [],
  usual_milli,
});

describe('the unusual-weight question', () => {
  it('asks about a weight over ten times the usual, naming both grouped', () => {
    expect(unusualWeightQuestion({ quantity_milli: 100_000_000 }, null, terms(24_600), 'kg')).toBe(
      "100,000 kg is far above this product's usual (median 24.6 kg). Save anyway?",
    );
  });

  it('judges the priced net quantity when there is one, else the gross weight', () => {
    const priced = { ok: true as const, rate_minor: 1, amount_minor: 1, quantity_milli: 240_000, tare_milli: 500 };
    expect(unusualWeightQuestion({ gross_weight_milli: 300_000 }, priced, terms(24_600), 'kg')).toBeNull();
    expect(unusualWeightQuestion({ gross_weight_milli: 300_000 }, null, terms(24_600), 'kg')).toContain('300 kg');
  });

  it('saves at once within the usual range or with no usual to compare', () => {
    expect(unusualWeightQuestion({ quantity_milli: 30_000 }, null, terms(24_600), 'kg')).toBeNull();
    expect(unusualWeightQuestion({ quantity_milli: 100_000_000 }, null, terms(null), 'kg')).toBeNull();
    expect(unusualWeightQuestion({ quantity_milli: 100_000_000 }, null, null, 'kg')).toBeNull();
  });
});
