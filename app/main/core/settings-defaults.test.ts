import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../../shared';
import { DEFAULT_SETTINGS } from './settings';

describe('default settings', () => {
  it('receive every entity type, so saving Settings never stops a desk pulling charges, credit or runs', () => {
    expect(DEFAULT_SETTINGS.selectiveSync).toEqual(ENTITY_TYPES);
    expect(DEFAULT_SETTINGS.selectiveSync).toEqual(
      expect.arrayContaining(['charges', 'supplier_credits', 'settlement_runs', 'settlement_lines']),
    );
  });
});
