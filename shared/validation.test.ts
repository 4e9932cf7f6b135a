import { describe, expect, it } from 'vitest';
import {
  CollectionCreateSchema,
  CollectionEntrySchema,
  collections,
  PaymentCreateSchema,
  payments,
  SupplierCreateSchema,
} from './domain';
import { AppError } from './errors';
import { parseInput } from './validation';

function fieldsOf(fn: () => unknown): Record<string, string> | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    return (error as AppError).fields;
  }
  throw new Error('expected a validation error');
}

describe('parseInput', () => {
  it.each([
    [SupplierCreateSchema, {}, { code: 'is required', name: 'is required' }],
    [SupplierCreateSchema, { code: 'S 1', name: 'A' }, { code: 'may contain only letters, digits and . _ / -' }],
    [SupplierCreateSchema, { code: 'S-1', name: 'A', phone: 5 }, { phone: 'must be a string' }],
    [SupplierCreateSchema, { code: 'S-1', name: 'A', colour: 'red' }, { _: 'has unknown field(s): colour' }],
    [
      CollectionCreateSchema,
      { supplier_uuid: 'x', product_uuid: '0190c8e1-0000-7000-8000-000000000000', quantity_milli: 1.5 },
      { supplier_uuid: 'must be a UUID', quantity_milli: 'must be a whole number' },
    ],
    [
      // What the entry screen takes: a quantity above zero (only an adjustment may be negative; see below).
      CollectionEntrySchema,
      {
        supplier_uuid: '0190c8e1-0000-7000-8000-000000000000',
        product_uuid: '0190c8e1-0000-7000-8000-000000000000',
        quantity_milli: 0,
      },
      { quantity_milli: 'must be greater than zero' },
    ],
    [
      PaymentCreateSchema,
      { supplier_uuid: '0190c8e1-0000-7000-8000-000000000000', amount_minor: 100, type: 'gift', method: 'cash' },
      { type: 'must be one of: advance, partial, settlement' },
    ],
    [
      PaymentCreateSchema,
      {
        supplier_uuid: '0190c8e1-0000-7000-8000-000000000000',
        amount_minor: 100,
        type: 'advance',
        method: 'cash',
        paid_at: 'yesterday',
      },
      { paid_at: 'must be an ISO-8601 date-time' },
    ],
  ])('names each bad field (%#)', (schema, input, expected) => {
    expect(fieldsOf(() => parseInput(schema, input))).toEqual(expected);
  });
});

describe('the sign of a quantity or amount', () => {
  it('is above zero on an ordinary entry and anything but zero on an adjustment (registry row rules)', () => {
    const adjusts_uuid = '0190c8e1-0000-7000-8000-000000000000';
    expect(collections.rowRules({ quantity_milli: 0, adjusts_uuid: null, amount_minor: 0 })).toEqual({
      quantity_milli: 'must be greater than zero',
    });
    expect(collections.rowRules({ quantity_milli: -5, adjusts_uuid, amount_minor: -150 })).toEqual({});
    expect(collections.rowRules({ quantity_milli: 0, adjusts_uuid, amount_minor: 0 })).toEqual({
      quantity_milli: 'cannot be zero on an adjustment',
    });
    expect(payments.rowRules({ amount_minor: -100, adjusts_uuid: null })).toEqual({
      amount_minor: 'must be greater than zero',
    });
    expect(payments.rowRules({ amount_minor: -100, adjusts_uuid })).toEqual({});
  });
});
