import { describe, expect, it } from 'vitest';
import { counted } from './counted';

describe('a count with its noun', () => {
  it('is singular for exactly one and plural otherwise, with the irregular plural given', () => {
    expect(counted(1, 'entry', 'entries')).toBe('1 entry');
    expect(counted(2, 'entry', 'entries')).toBe('2 entries');
    expect(counted(0, 'payment')).toBe('0 payments');
    expect(counted(1, 'payment')).toBe('1 payment');
  });
});
