import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { assertCan, can, opAction, refusal, roleFor, ROLES, type Action } from '.';

describe('permissions from the registry', () => {
  it('lets clerks keep the books and keeps reference data, voids, deletes and conflicts for supervisors', () => {
    const table: [Action, 'clerk' | 'supervisor' | null][] = [
      ['suppliers.create', 'clerk'],
      ['suppliers.update', 'clerk'],
      ['suppliers.delete', 'supervisor'],
      ['products.create', 'supervisor'],
      ['products.update', 'supervisor'],
      ['product_rates.create', 'supervisor'],
      ['collections.create', 'clerk'],
      ['collections.update', 'clerk'],
      ['collections.delete', 'supervisor'],
      ['payments.create', 'clerk'],
      ['payments.update', 'clerk'],
      ['payments.void', 'supervisor'],
      ['payments.delete', null],
      ['conflicts.list', 'supervisor'],
      ['conflicts.resolve', 'supervisor'],
      ['conflicts.reopen', 'supervisor'],
    ];
    for (const [action, least] of table) {
      expect(roleFor(action), action).toBe(least);
      for (const role of ROLES) {
        const expected = least !== null && ROLES.indexOf(role) >= ROLES.indexOf(least);
        expect(can(role, action), `${role} ${action}`).toBe(expected);
      }
      expect(can(null, action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
    }
  });

  it('says why, in the words the server and desk have always used', () => {
    expect(refusal('clerk', 'product_rates.create')?.message).toBe('Only a supervisor may set rates');
    expect(refusal('clerk', 'products.update')?.message).toBe('Only a supervisor may manage products');
    expect(refusal('clerk', 'payments.void')?.message).toBe('Only a supervisor may void payments');
    expect(refusal('clerk', 'suppliers.delete')?.message).toBe('Only a supervisor may delete suppliers');
    expect(refusal('clerk', 'collections.delete')?.message).toBe('Only a supervisor may delete collections');
    expect(refusal('clerk', 'conflicts.resolve')?.message).toBe('Only a supervisor may resolve conflicts');
    expect(refusal('admin', 'payments.delete')).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Payments are never deleted; void the payment instead',
    });
    expect(refusal('supervisor', 'payments.void')).toBeNull();
    expect(() => assertCan('clerk', 'payments.void')).toThrow(AppError);
  });

  it('reads a pushed update that writes a void field as a void', () => {
    expect(opAction('payments', 'update', { uuid: 'x', void_reason: 'typo' })).toBe('payments.void');
    expect(opAction('payments', 'update', { uuid: 'x', amount_minor: 5 })).toBe('payments.update');
    expect(opAction('payments', 'delete', { uuid: 'x' })).toBe('payments.delete');
    expect(opAction('suppliers', 'update', { voided_at: 'x' })).toBe('suppliers.update');
  });
});
