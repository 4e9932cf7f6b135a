import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '../validation';
import { ChargeCreateSchema, chargeRuleErrors, describeChargeValue, parseChargeValue } from './charges';
import { SupplierPayoutDetailsSchema } from './payout-details';
import { PayoutResultRowSchema } from './payout-results';
import { SettlementRunCreateSchema } from './settlement-runs';
import { supplierCredits } from './entities/supplier-credits';
import { supplierCreditRuleErrors } from './supplier-credits';

const PRODUCT = '00000000-0000-4000-8000-000000000101';
const SUPPLIER = '00000000-0000-4000-8000-000000000001';

function errors(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error as never, input);
}

describe('charges', () => {
  const charge = { code: 'TRN', name: 'Transport', kind: 'per_unit', value: 200, active_from: '2026-01-01' };

  it('accepts each kind with its rules and fills defaults', () => {
    expect(ChargeCreateSchema.parse({ ...charge, product_uuid: PRODUCT })).toMatchObject({
      sort_order: 100,
      active_to: null,
      notes: '',
    });
    expect(ChargeCreateSchema.safeParse({ ...charge, kind: 'percent', value: 1_500 }).success).toBe(true);
    expect(ChargeCreateSchema.safeParse({ ...charge, kind: 'fixed', value: 15_000 }).success).toBe(true);
  });

  it('names the field for every broken rule', () => {
    expect(errors(ChargeCreateSchema, charge)).toEqual({ product_uuid: 'is required for a per-unit charge' });
    expect(errors(ChargeCreateSchema, { ...charge, kind: 'fixed', product_uuid: PRODUCT })).toEqual({
      product_uuid: 'must be empty for a fixed charge (it is per supplier)',
    });
    expect(errors(ChargeCreateSchema, { ...charge, kind: 'percent', value: 100_001 })).toEqual({
      value: 'cannot be more than 100%',
    });
    expect(
      errors(ChargeCreateSchema, { ...charge, product_uuid: PRODUCT, active_to: '2025-12-31', value: 0, kind: 'x' }),
    ).toMatchObject({ value: 'must be greater than zero', kind: 'must be one of: percent, per_unit, fixed' });
    expect(
      chargeRuleErrors({
        kind: 'percent',
        value: 1,
        product_uuid: null,
        active_from: '2026-02-01',
        active_to: '2026-01-31',
      }),
    ).toEqual({ active_to: 'must be on or after the first active day' });
  });

  it('reads and writes values as people do', () => {
    expect(parseChargeValue('percent', '1.5', 'USD')).toEqual({ ok: true, value: 1_500 });
    expect(parseChargeValue('percent', '1.2345', 'USD')).toEqual({
      ok: false,
      error: 'percent allows at most 3 decimal places',
    });
    expect(parseChargeValue('per_unit', '2.00', 'KES')).toEqual({ ok: true, value: 200 });
    expect(describeChargeValue('percent', 1_500, 'USD')).toBe('1.5%');
    expect(describeChargeValue('percent', 2_000, 'USD')).toBe('2%');
    expect(describeChargeValue('per_unit', 200, 'KES', 'kg')).toBe('2.00 per kg');
    expect(describeChargeValue('fixed', 15_000, 'USD')).toBe('150.00');
  });
});

describe('supplier credit', () => {
  it('has a principal and an instalment that cannot exceed it', () => {
    const credit = {
      supplier_uuid: SUPPLIER,
      kind: 'input',
      description: 'Fertiliser NPK, 2 bags',
      principal_minor: 600_000,
      instalment_minor: 100_000,
      issued_on: '2026-11-02',
    };
    expect(supplierCredits.createSchema.parse(credit)).toMatchObject({ principal_minor: 600_000 });
    expect(supplierCreditRuleErrors({ ...credit, instalment_minor: 700_000 })).toEqual({
      instalment_minor: 'cannot be more than the principal',
    });
    expect(errors(supplierCredits.createSchema, { ...credit, kind: 'advance' })).toEqual({
      kind: 'must be one of: loan, input',
    });
  });
});

describe('settlement run request', () => {
  it('checks the period and that only bonus runs carry bonus rates', () => {
    const run = { code: '2026-11', name: 'November 2026', period_from: '2026-11-01', period_to: '2026-11-30' };
    expect(SettlementRunCreateSchema.parse(run)).toMatchObject({ kind: 'regular', route: '', bonus_rates: [] });
    expect(errors(SettlementRunCreateSchema, { ...run, period_to: '2026-10-31' })).toEqual({
      period_to: 'must be on or after the start date',
    });
    expect(errors(SettlementRunCreateSchema, { ...run, kind: 'bonus' })).toEqual({
      bonus_rates: 'are required for a bonus run, and only for one',
    });
    expect(
      SettlementRunCreateSchema.safeParse({
        ...run,
        kind: 'bonus',
        bonus_rates: [{ product_uuid: PRODUCT, rate_minor: 250 }],
      }).success,
    ).toBe(true);
  });
});

describe('supplier payout details', () => {
  it('are optional, and normalise what people type', () => {
    expect(SupplierPayoutDetailsSchema.parse({})).toEqual({
      payout_method: 'none',
      bank_account_name: '',
      bank_account_number: '',
      bank_code: '',
      mobile_phone: '',
    });
    expect(
      SupplierPayoutDetailsSchema.parse({
        payout_method: 'mobile',
        mobile_phone: '+254 712-345 678',
        bank_account_number: '0123 4567 89',
        bank_code: 'kcbl',
      }),
    ).toMatchObject({ mobile_phone: '+254712345678', bank_account_number: '0123456789', bank_code: 'KCBL' });
  });

  it('requires the details of the chosen method, with a clear message for a local phone number', () => {
    expect(errors(SupplierPayoutDetailsSchema, { payout_method: 'bank' })).toEqual({
      bank_account_number: 'is required to pay by bank',
      bank_code: 'is required to pay by bank',
    });
    expect(errors(SupplierPayoutDetailsSchema, { payout_method: 'mobile', mobile_phone: '0712345678' })).toEqual({
      mobile_phone: 'must be in international format: + then the country code and number, e.g. +254712345678',
    });
    expect(errors(SupplierPayoutDetailsSchema, { bank_account_number: '12', bank_code: 'K!' })).toEqual({
      bank_account_number: 'must be 4 to 34 letters or digits (spaces and dashes are ignored)',
      bank_code: 'must be 2 to 11 letters or digits (bank/branch code or SWIFT code)',
    });
  });
});

describe('payout result rows', () => {
  it('accept paid and failed lines, any case', () => {
    expect(PayoutResultRowSchema.parse({ reference: 'R1/S-1', status: ' PAID ', provider_reference: 'TX9' })).toEqual({
      reference: 'R1/S-1',
      status: 'paid',
      provider_reference: 'TX9',
      message: '',
    });
    expect(
      PayoutResultRowSchema.safeParse({ reference: 'R1/S-1', status: 'failed', message: 'Account closed' }).success,
    ).toBe(true);
  });

  it('name each bad field', () => {
    expect(errors(PayoutResultRowSchema, { reference: '', status: 'done' })).toEqual({
      reference: 'is required',
      status: 'must be paid or failed',
    });
    expect(errors(PayoutResultRowSchema, { reference: 'R1', status: 'paid' })).toEqual({
      provider_reference: 'is required for a paid line',
    });
  });
});
