import { describe, expect, it } from 'vitest';
import { creditRemaining } from './credit-balance';

describe('creditRemaining', () => {
  it('takes every instalment that fell due off the principal, and never goes below zero', () => {
    const remaining = creditRemaining(
      [
        { uuid: 'a', principal_minor: 100_000 },
        { uuid: 'b', principal_minor: 5_000 },
        { uuid: 'c', principal_minor: 7_000 },
      ],
      [
        { credit_uuid: 'a', due_minor: 30_000 },
        { credit_uuid: 'a', due_minor: 30_000 },
        { credit_uuid: 'b', due_minor: 5_000 },
        { credit_uuid: 'x', due_minor: 1 },
      ],
    );
    expect(Object.fromEntries(remaining)).toEqual({ a: 40_000, b: 0, c: 7_000 });
  });
});
