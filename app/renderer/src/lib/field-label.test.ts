import { describe, expect, it } from 'vitest';
import { recordFieldLabel } from './field-label';

describe('naming the field of a refused record', () => {
  it('uses the label the entity declares, and a readable name for anything else', () => {
    expect(recordFieldLabel('suppliers', 'mobile_phone')).toBe('Mobile money number');
    expect(recordFieldLabel('supplier_credits', 'instalment_minor')).toBe('Instalment per run');
    expect(recordFieldLabel('collections', 'collected_at')).toBe('Collected at');
    expect(recordFieldLabel('not_a_type', 'bank_code')).toBe('Bank code');
  });
});
