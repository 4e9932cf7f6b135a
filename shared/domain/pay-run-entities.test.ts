import { describe, expect, it } from 'vitest';
import {
  can,
  decodeSettlementLine,
  encodeSettlementLine,
  entity,
  ENTITY_TYPES,
  refusal,
  ROLES,
  shapeOfEntity,
  supplierPayoutErrors,
  type SettlementLine,
} from '.';

const UUID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('pay-run entity types', () => {
  it('are registered after what they refer to', () => {
    const order = ENTITY_TYPES.filter((t) =>
      ['payments', 'charges', 'supplier_credits', 'settlement_runs', 'settlement_lines'].includes(t),
    );
    expect(order).toEqual(['payments', 'charges', 'supplier_credits', 'settlement_runs', 'settlement_lines']);
    expect(shapeOfEntity('settlement_lines').refs).toEqual([
      { field: 'run_uuid', target: 'settlement_runs' },
      { field: 'supplier_uuid', target: 'suppliers' },
    ]);
    expect(shapeOfEntity('charges').nullable).toEqual(expect.arrayContaining(['product_uuid', 'active_to']));
  });

  it('keep charges and credit for supervisors', () => {
    for (const action of ['charges.create', 'charges.update', 'supplier_credits.create'] as const) {
      expect(can('clerk', action), action).toBe(false);
      expect(can('supervisor', action), action).toBe(true);
    }
    expect(refusal('clerk', 'charges.create')?.message).toBe('Only a supervisor may manage charges');
  });

  it('never let anyone write settlement runs or lines through sync: only the server computes them', () => {
    for (const type of ['settlement_runs', 'settlement_lines'] as const) {
      for (const op of ['create', 'update', 'delete'] as const) {
        for (const role of ROLES) expect(can(role, `${type}.${op}`), `${role} ${type}.${op}`).toBe(false);
        expect(refusal('admin', `${type}.${op}`)).toEqual({
          code: 'VALIDATION_FAILED',
          message: expect.stringMatching(/computed on the server; desks only read them/),
        });
      }
    }
  });

  it('a credit has no stored balance: what remains is derived from approved runs', () => {
    expect(entity('supplier_credits').fieldNames).not.toContain('remaining_minor');
    expect(
      entity('supplier_credits').createSchema.parse({
        supplier_uuid: UUID(1),
        kind: 'loan',
        principal_minor: 100_000,
        instalment_minor: 25_000,
        issued_on: '2026-11-01',
      }),
    ).toMatchObject({ description: '' });
  });
});

describe('supplier payout details', () => {
  const supplier = entity('suppliers').createSchema;
  it('are optional and normalised on the supplier', () => {
    expect(supplier.parse({ code: 'S1', name: 'A' })).toMatchObject({
      payout_method: 'none',
      bank_account_number: '',
      mobile_phone: '',
    });
    expect(supplier.parse({ code: 'S1', name: 'A', mobile_phone: '+254 712-345 678' }).mobile_phone).toBe(
      '+254712345678',
    );
    expect(supplier.safeParse({ code: 'S1', name: 'A', mobile_phone: '0712345678' }).error?.issues[0]?.message).toMatch(
      /international format/,
    );
  });

  it('need the chosen method’s details', () => {
    const base = { payout_method: 'bank', bank_account_number: '', bank_code: '', mobile_phone: '' } as const;
    expect(supplierPayoutErrors(base)).toEqual({
      bank_account_number: 'is required to pay by bank',
      bank_code: 'is required to pay by bank',
    });
    expect(supplierPayoutErrors({ ...base, payout_method: 'mobile' })).toEqual({
      mobile_phone: 'is required to pay by mobile money',
    });
    expect(supplierPayoutErrors({ ...base, payout_method: 'none' })).toEqual({});
  });
});

describe('settlement line rows', () => {
  it('carry the engine line whole and give it back unchanged', () => {
    const line: SettlementLine = {
      supplier_uuid: UUID(1),
      supplier_code: 'S1',
      supplier_name: 'Amina',
      route: 'North',
      gross_minor: 10_000,
      gross_lines: [
        {
          product_uuid: UUID(2),
          product_code: 'TEA',
          product_name: 'Tea',
          unit: 'kg',
          entries: 2,
          quantity_milli: 100_000,
          rate_minor: null,
          amount_minor: 10_000,
        },
      ],
      deductions: [{ kind: 'charge', name: 'Fee', ref: UUID(3), origin: null, due_minor: 150, amount_minor: 150 }],
      deductions_minor: 150,
      net_minor: 9_850,
      carried_forward: [],
      carried_forward_minor: 0,
      credits: [],
      credit_remaining_minor: 0,
    };
    const encoded = encodeSettlementLine(line);
    expect(
      entity('settlement_lines').rowSchema.pick({ gross_lines_json: true, deductions_json: true }).parse(encoded),
    ).toBeTruthy();
    expect(decodeSettlementLine(encoded)).toEqual(line);
  });
});
