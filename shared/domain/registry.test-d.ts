import { expectTypeOf } from 'vitest';
import type {
  Action,
  CollectionCreate,
  CollectionPatch,
  EntityRow,
  EntityType,
  PaymentCreate,
  PaymentPatch,
  SupplierCreate,
} from '.';

/**
 * Compile-time checks (run by `npm run typecheck`): the types derived from the registry are the row, create and
 * patch types the product was built on. A change to an entry or to entity-kit's derivation that moves one of
 * them fails here, naming the field.
 */

type Flat<T> = { [K in keyof T]: T[K] };

interface Common {
  uuid: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  created_by: string | null;
  updated_by: string | null;
}

// Every synced type so far (each row pinned below); a new one is added without touching this file (the worked
// example of docs/architecture.md is checked to need nothing else).
expectTypeOf<
  | 'routes'
  | 'centres'
  | 'suppliers'
  | 'products'
  | 'product_rates'
  | 'pricing_rules'
  | 'collections'
  | 'payments'
  | 'charges'
  | 'supplier_credits'
  | 'settlement_runs'
  | 'settlement_lines'
>().toExtend<EntityType>();

expectTypeOf<EntityRow<'suppliers'>>().toEqualTypeOf<
  Flat<
    Common & {
      code: string;
      name: string;
      phone: string;
      address: string;
      region: string;
      notes: string;
      active: boolean;
      payout_method: 'none' | 'bank' | 'mobile';
      bank_account_name: string;
      bank_account_number: string;
      bank_code: string;
      mobile_phone: string;
      route_uuid: string | null;
      centre_uuid: string | null;
    }
  >
>();
expectTypeOf<EntityRow<'products'>>().toEqualTypeOf<
  Flat<Common & { code: string; name: string; unit: string; active: boolean }>
>();
expectTypeOf<EntityRow<'product_rates'>>().toEqualTypeOf<
  Flat<Common & { product_uuid: string; rate_minor: number; effective_from: string; notes: string }>
>();
expectTypeOf<EntityRow<'collections'>>().toEqualTypeOf<
  Flat<
    Common & {
      supplier_uuid: string;
      product_uuid: string;
      collected_at: string;
      quantity_milli: number;
      rate_minor: number;
      amount_minor: number;
      notes: string;
      rule_version_uuid: string | null;
      gross_weight_milli: number | null;
      containers: string;
      tare_milli: number;
      grade: string | null;
      readings: string;
      shift: 'morning' | 'evening' | null;
      route_uuid: string | null;
      centre_uuid: string | null;
      weighed_on_scale: boolean;
      rejection_reason: 'adulterated' | 'wet' | 'low_density' | 'foreign_matter' | 'other' | null;
      rejection_note: string;
      second_delivery: boolean;
      adjusts_uuid: string | null;
    }
  >
>();
expectTypeOf<EntityRow<'payments'>>().toEqualTypeOf<
  Flat<
    Common & {
      supplier_uuid: string;
      paid_at: string;
      amount_minor: number;
      type: 'advance' | 'partial' | 'settlement';
      method: 'cash' | 'bank' | 'mobile' | 'cheque';
      reference: string;
      notes: string;
      voided_at: string | null;
      void_reason: string | null;
      adjusts_uuid: string | null;
    }
  >
>();

// The types of the pay runs (issue 16) and of pricing by route and centre (issue 18).
expectTypeOf<EntityRow<'routes'>>().toEqualTypeOf<
  Flat<Common & { code: string; name: string; notes: string; active: boolean }>
>();
expectTypeOf<EntityRow<'centres'>>().toEqualTypeOf<
  Flat<Common & { code: string; name: string; notes: string; active: boolean }>
>();
expectTypeOf<EntityRow<'pricing_rules'>>().toEqualTypeOf<
  Flat<Common & { product_uuid: string; effective_from: string; terms: string; notes: string }>
>();
expectTypeOf<EntityRow<'charges'>>().toEqualTypeOf<
  Flat<
    Common & {
      code: string;
      name: string;
      kind: 'fixed' | 'percent' | 'per_unit';
      value: number;
      product_uuid: string | null;
      sort_order: number;
      active_from: string;
      active_to: string | null;
      notes: string;
    }
  >
>();
expectTypeOf<EntityRow<'supplier_credits'>>().toEqualTypeOf<
  Flat<
    Common & {
      supplier_uuid: string;
      kind: 'input' | 'loan';
      description: string;
      principal_minor: number;
      instalment_minor: number;
      issued_on: string;
    }
  >
>();
expectTypeOf<EntityRow<'settlement_runs'>>().toEqualTypeOf<
  Flat<
    Common & {
      code: string;
      name: string;
      kind: 'regular' | 'bonus';
      period_from: string;
      period_to: string;
      route: string;
      product_uuid: string | null;
      bonus_rates_json: string;
      status: 'draft' | 'approved' | 'paid';
      computed_at: string;
      approved_at: string | null;
      approved_by: string | null;
      suppliers: number;
      gross_minor: number;
      due_minor: number;
      deductions_minor: number;
      net_minor: number;
      carried_forward_minor: number;
      credit_remaining_minor: number;
      by_deduction_json: string;
    }
  >
>();
expectTypeOf<EntityRow<'settlement_lines'>>().toEqualTypeOf<
  Flat<
    Common & {
      run_uuid: string;
      supplier_uuid: string;
      supplier_code: string;
      supplier_name: string;
      route: string;
      gross_minor: number;
      deductions_minor: number;
      net_minor: number;
      carried_forward_minor: number;
      credit_remaining_minor: number;
      gross_lines_json: string;
      deductions_json: string;
      carried_forward_json: string;
      credits_json: string;
      payout_reference: string;
      payout_status: 'paid' | 'pending' | 'failed';
      payout_provider_reference: string;
      payout_message: string;
      paid_at: string | null;
    }
  >
>();

// Create input: defaults and `now` fields optional; computed (rate, amount) and unset (void) fields absent.
expectTypeOf<SupplierCreate>().toEqualTypeOf<{
  uuid?: string | undefined;
  code: string;
  name: string;
  phone?: string | undefined;
  address?: string | undefined;
  region?: string | undefined;
  notes?: string | undefined;
  active?: boolean | undefined;
  payout_method?: 'none' | 'bank' | 'mobile' | undefined;
  bank_account_name?: string | undefined;
  bank_account_number?: string | undefined;
  bank_code?: string | undefined;
  mobile_phone?: string | undefined;
  route_uuid?: string | null | undefined;
  centre_uuid?: string | null | undefined;
}>();
expectTypeOf<CollectionCreate>().toEqualTypeOf<{
  uuid?: string | undefined;
  supplier_uuid: string;
  product_uuid: string;
  collected_at?: string | undefined;
  quantity_milli: number;
  notes?: string | undefined;
  rule_version_uuid?: string | null | undefined;
  gross_weight_milli?: number | null | undefined;
  containers?: string | undefined;
  grade?: string | null | undefined;
  readings?: string | undefined;
  shift?: 'morning' | 'evening' | null | undefined;
  route_uuid?: string | null | undefined;
  centre_uuid?: string | null | undefined;
  weighed_on_scale?: boolean | undefined;
  rejection_reason?: 'adulterated' | 'wet' | 'low_density' | 'foreign_matter' | 'other' | null | undefined;
  rejection_note?: string | undefined;
  second_delivery?: boolean | undefined;
  adjusts_uuid?: string | null | undefined;
}>();
expectTypeOf<PaymentCreate>().toEqualTypeOf<{
  uuid?: string | undefined;
  supplier_uuid: string;
  paid_at?: string | undefined;
  amount_minor: number;
  type: 'advance' | 'partial' | 'settlement';
  method: 'cash' | 'bank' | 'mobile' | 'cheque';
  reference?: string | undefined;
  notes?: string | undefined;
  adjusts_uuid?: string | null | undefined;
}>();

// Patches: what a user's edit may change (not a payment's supplier, not computed or void fields).
expectTypeOf<CollectionPatch>().toEqualTypeOf<{
  supplier_uuid?: string | undefined;
  product_uuid?: string | undefined;
  collected_at?: string | undefined;
  quantity_milli?: number | undefined;
  notes?: string | undefined;
  rule_version_uuid?: string | null | undefined;
  gross_weight_milli?: number | null | undefined;
  containers?: string | undefined;
  grade?: string | null | undefined;
  readings?: string | undefined;
  shift?: 'morning' | 'evening' | null | undefined;
  route_uuid?: string | null | undefined;
  centre_uuid?: string | null | undefined;
  weighed_on_scale?: boolean | undefined;
  rejection_reason?: 'adulterated' | 'wet' | 'low_density' | 'foreign_matter' | 'other' | null | undefined;
  rejection_note?: string | undefined;
  second_delivery?: boolean | undefined;
}>();
expectTypeOf<PaymentPatch>().toEqualTypeOf<{
  paid_at?: string | undefined;
  amount_minor?: number | undefined;
  type?: 'advance' | 'partial' | 'settlement' | undefined;
  method?: 'cash' | 'bank' | 'mobile' | 'cheque' | undefined;
  reference?: string | undefined;
  notes?: string | undefined;
}>();

// Actions: every operation per type, field actions only where declared.
expectTypeOf<'payments.void'>().toExtend<Action>();
expectTypeOf<'product_rates.create'>().toExtend<Action>();
expectTypeOf<'conflicts.resolve'>().toExtend<Action>();
expectTypeOf<'suppliers.void'>().not.toExtend<Action>();
