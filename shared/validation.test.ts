import { describe, expect, it } from 'vitest';
import { CollectionCreateSchema, PaymentCreateSchema, SupplierCreateSchema } from './domain';
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
      CollectionCreateSchema,
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
