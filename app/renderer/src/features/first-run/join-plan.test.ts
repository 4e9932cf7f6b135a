import { describe, expect, it } from 'vitest';
import { checkChoices, decisionsOf, initialChoices, summaryLines, type Clash } from './join-plan';

const supplier: Clash = {
  entity_type: 'suppliers',
  code: 'S-0001',
  local_uuid: '00000000-0000-4000-8000-000000000001',
  local_name: 'Grace Local Supplier',
  server_uuid: '10000000-0000-4000-8000-000000000001',
  server_name: 'Amina Njeri',
  moves: { collections: 12, payments: 1 },
  local_pricing: { rates: 0, rules: 0, priced_by_rule: 0 },
  suggested: 'recode',
};
const tea: Clash = {
  entity_type: 'products',
  code: 'TEA',
  local_uuid: '00000000-0000-4000-8000-000000000002',
  local_name: 'Tea leaf (local)',
  server_uuid: '10000000-0000-4000-8000-000000000002',
  server_name: 'Green tea leaf',
  moves: { collections: 12, payments: 0 },
  local_pricing: { rates: 3, rules: 0, priced_by_rule: 0 },
  suggested: 'merge',
};

describe('the join plan', () => {
  it('starts from the desk’s proposal: a new code (not yet typed) for a supplier whose name differs', () => {
    const choices = initialChoices([supplier, tea]);
    expect(choices).toEqual({
      [supplier.local_uuid]: { action: 'recode', code: '' },
      [tea.local_uuid]: { action: 'merge', code: '' },
    });
    expect(checkChoices([supplier, tea], choices)).toEqual({ 'decisions.0.code': 'is required' });
  });

  it('refuses the clashing code itself as the new code', () => {
    const choices = { [supplier.local_uuid]: { action: 'recode' as const, code: 's-0001' } };
    expect(checkChoices([supplier], choices)).toEqual({
      'decisions.0.code': 'must differ from S-0001, which the office uses',
    });
  });

  it('says exactly what merges, what keeps a new code and which local rates are not sent', () => {
    const recode = { [supplier.local_uuid]: { action: 'recode' as const, code: ' S-0101 ' } };
    const choices = { ...initialChoices([tea]), ...recode };
    expect(summaryLines([supplier, tea], choices)).toEqual([
      'Supplier S-0001 “Grace Local Supplier” stays separate under the new code S-0101, with its 12 collections and 1 payment.',
      'Product TEA “Tea leaf (local)” → the office’s “Green tea leaf”: 12 collections move onto it.',
      '3 rates set on this computer for TEA will not be sent; the office’s rates apply.',
    ]);
    expect(decisionsOf([supplier, tea], choices)).toEqual([
      { local_uuid: supplier.local_uuid, action: 'recode', code: 'S-0101' },
      { local_uuid: tea.local_uuid, action: 'merge' },
    ]);
    const merged = { [supplier.local_uuid]: { action: 'merge' as const, code: '' } };
    expect(summaryLines([supplier], merged)).toEqual([
      'Supplier S-0001 “Grace Local Supplier” → the office’s “Amina Njeri”: 12 collections and 1 payment move onto it.',
    ]);
  });

  it('says how many collections priced by a local pricing rule will need attention', () => {
    const ruled = { ...tea, local_pricing: { rates: 0, rules: 1, priced_by_rule: 2 } };
    expect(summaryLines([ruled], initialChoices([ruled])).slice(1)).toEqual([
      '1 pricing rule set on this computer for TEA will not be sent; the office’s rates apply.',
      '2 collections priced by a pricing rule made here will wait in Needs attention, to be priced the office’s way.',
    ]);
  });
});
