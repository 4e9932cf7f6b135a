import { describe, expect, it } from 'vitest';
import type { ChargeTerms } from '../domain/charges';
import type { CreditTerms } from '../domain/supplier-credits';
import { computeSettlement } from './compute-settlement';
import type { SettlementInput } from './input';
import { computeSecondPayment } from './second-payment';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const TEA = id(101);
const MILK = id(102);
const AMINA = id(1);
const KIPRONO = id(2);

function base(overrides: Partial<SettlementInput> = {}): SettlementInput {
  return {
    period: { from: '2026-11-01', to: '2026-11-30' },
    suppliers: [
      { uuid: AMINA, code: 'S-0001', name: 'Amina Njeri', route: 'North' },
      { uuid: KIPRONO, code: 'S-0002', name: 'Kiprono Langat', route: 'East' },
    ],
    products: [
      { uuid: TEA, code: 'TEA', name: 'Green tea leaf', unit: 'kg' },
      { uuid: MILK, code: 'MILK', name: 'Fresh milk', unit: 'l' },
    ],
    collections: [],
    payments: [],
    charges: [],
    credits: [],
    brought_forward: [],
    ...overrides,
  };
}

/** One collection of a supplier on a day. */
function delivery(supplier: string, product: string, day: string, quantity: number, amount: number) {
  return {
    supplier_uuid: supplier,
    product_uuid: product,
    day,
    entries: 1,
    quantity_milli: quantity,
    amount_minor: amount,
  };
}

function charge(n: number, terms: Partial<ChargeTerms> & Pick<ChargeTerms, 'kind' | 'value'>): ChargeTerms {
  return {
    uuid: id(200 + n),
    code: `C${n}`,
    name: `Charge ${n}`,
    sort_order: n,
    product_uuid: null,
    active_from: '2026-01-01',
    active_to: null,
    ...terms,
  };
}

function credit(n: number, terms: Partial<CreditTerms>): CreditTerms {
  return {
    uuid: id(300 + n),
    supplier_uuid: AMINA,
    kind: 'loan',
    description: `Loan ${n}`,
    instalment_minor: 50_000,
    remaining_minor: 120_000,
    issued_on: '2026-06-01',
    ...terms,
  };
}

describe('computeSettlement', () => {
  it('computes gross by product, each deduction in order, and net', () => {
    const run = computeSettlement(
      base({
        collections: [
          {
            supplier_uuid: AMINA,
            product_uuid: TEA,
            day: '2026-11-03',
            entries: 2,
            quantity_milli: 120_500,
            amount_minor: 394_638,
            rate_minor: 3275,
          },
          {
            supplier_uuid: AMINA,
            product_uuid: TEA,
            day: '2026-11-04',
            entries: 1,
            quantity_milli: 10_000,
            amount_minor: 32_750,
            rate_minor: 3275,
          },
          {
            supplier_uuid: AMINA,
            product_uuid: MILK,
            day: '2026-11-05',
            entries: 1,
            quantity_milli: 20_000,
            amount_minor: 91_000,
            rate_minor: 4550,
          },
        ],
        payments: [
          { supplier_uuid: AMINA, type: 'advance', entries: 2, amount_minor: 100_000 },
          { supplier_uuid: AMINA, type: 'partial', entries: 1, amount_minor: 7_000, voided: true },
          { supplier_uuid: AMINA, type: 'settlement', entries: 1, amount_minor: 99_999 },
        ],
        charges: [
          charge(3, { kind: 'fixed', value: 15_000, name: 'Society fee' }),
          charge(1, { kind: 'percent', value: 1_500, name: 'Management fee' }),
          charge(2, { kind: 'per_unit', value: 200, product_uuid: TEA, name: 'Transport' }),
        ],
        credits: [credit(1, {})],
      }),
    );
    expect(run.lines).toHaveLength(1);
    const [line] = run.lines;
    expect(line!.gross_lines.map((l) => [l.product_code, l.quantity_milli, l.rate_minor, l.amount_minor])).toEqual([
      ['MILK', 20_000, 4550, 91_000],
      ['TEA', 130_500, 3275, 427_388],
    ]);
    expect(line!.gross_minor).toBe(518_388);
    // 1.5 % of 5,183.88 = 77.7582 → 77.76; 130.5 kg × 2.00 = 261.00.
    expect(line!.deductions.map((d) => [d.kind, d.name, d.due_minor, d.amount_minor])).toEqual([
      ['advance', 'Advances paid (2)', 100_000, 100_000],
      ['charge', 'Management fee', 7_776, 7_776],
      ['charge', 'Transport', 26_100, 26_100],
      ['charge', 'Society fee', 15_000, 15_000],
      ['credit', 'Loan 1', 50_000, 50_000],
    ]);
    expect(line!.deductions_minor).toBe(198_876);
    expect(line!.net_minor).toBe(518_388 - 198_876);
    expect(line!.carried_forward).toEqual([]);
    expect(line!.credits).toEqual([
      { credit_uuid: id(301), kind: 'loan', description: 'Loan 1', due_minor: 50_000, remaining_minor: 70_000 },
    ]);
    expect(run.totals).toMatchObject({
      suppliers: 1,
      gross_minor: 518_388,
      net_minor: 319_512,
      credit_remaining_minor: 70_000,
    });
  });

  it('never takes net below zero: what gross cannot cover carries forward under its own kind', () => {
    const run = computeSettlement(
      base({
        collections: [delivery(AMINA, TEA, '2026-11-03', 30_000, 98_250)],
        payments: [{ supplier_uuid: AMINA, type: 'advance', entries: 1, amount_minor: 60_000 }],
        charges: [charge(1, { kind: 'fixed', value: 20_000, name: 'Society fee' })],
        credits: [credit(1, { instalment_minor: 30_000, remaining_minor: 45_000 })],
      }),
    );
    const [line] = run.lines;
    expect(line!.deductions.map((d) => [d.kind, d.due_minor, d.amount_minor])).toEqual([
      ['advance', 60_000, 60_000],
      ['charge', 20_000, 20_000],
      ['credit', 30_000, 18_250],
    ]);
    expect(line!.net_minor).toBe(0);
    expect(line!.carried_forward).toEqual([{ kind: 'credit', name: 'Loan 1', ref: id(301), amount_minor: 11_750 }]);
    expect(line!.carried_forward_minor).toBe(11_750);
    // The instalment left the credit's balance: 18,250 recovered now and 11,750 owed as carried forward.
    expect(line!.credits[0]!.remaining_minor).toBe(15_000);
  });

  it('recovers brought-forward amounts first and carries them on under their first kind', () => {
    const run = computeSettlement(
      base({
        collections: [delivery(AMINA, TEA, '2026-11-03', 10_000, 32_750)],
        payments: [{ supplier_uuid: AMINA, type: 'partial', entries: 1, amount_minor: 5_000 }],
        brought_forward: [
          { supplier_uuid: AMINA, kind: 'credit', name: 'Loan 1', ref: id(301), amount_minor: 30_000 },
          { supplier_uuid: AMINA, kind: 'advance', name: 'Advances paid (1)', ref: null, amount_minor: 2_000 },
          { supplier_uuid: KIPRONO, kind: 'charge', name: 'Society fee', ref: id(201), amount_minor: 15_000 },
        ],
      }),
    );
    const [kiprono, amina] = run.lines; // East before North
    expect(amina!.deductions.map((d) => [d.kind, d.origin, d.name, d.amount_minor])).toEqual([
      ['brought_forward', 'advance', 'Advances paid (1)', 2_000],
      ['brought_forward', 'credit', 'Loan 1', 30_000],
      ['partial', null, 'Part payments (1)', 750],
    ]);
    expect(amina!.carried_forward).toEqual([
      { kind: 'partial', name: 'Part payments (1)', ref: null, amount_minor: 4_250 },
    ]);
    // No deliveries: a line that only carries its debt on; no charges or instalments fall due.
    expect(kiprono).toMatchObject({
      supplier_code: 'S-0002',
      gross_minor: 0,
      net_minor: 0,
      carried_forward_minor: 15_000,
    });
    expect(kiprono!.carried_forward).toEqual([
      { kind: 'charge', name: 'Society fee', ref: id(201), amount_minor: 15_000 },
    ]);
  });

  it('applies percent and per-unit charges only to collections on days they are active', () => {
    const rows = ['2026-11-10', '2026-11-20'].map((day) => ({
      supplier_uuid: AMINA,
      product_uuid: TEA,
      day,
      entries: 1,
      quantity_milli: 100_000,
      amount_minor: 327_500,
    }));
    const run = computeSettlement(
      base({
        collections: rows,
        charges: [
          charge(1, { kind: 'per_unit', value: 150, product_uuid: TEA, active_from: '2026-11-15', name: 'Transport' }),
          charge(2, { kind: 'percent', value: 2_000, active_to: '2026-11-14', name: 'Old cess' }),
          charge(3, { kind: 'fixed', value: 10_000, active_to: '2026-10-31', name: 'Ended fee' }),
          charge(4, { kind: 'percent', value: 1_000, product_uuid: MILK, name: 'Milk levy' }),
        ],
      }),
    );
    expect(run.lines[0]!.deductions.map((d) => [d.name, d.due_minor])).toEqual([
      ['Transport', 15_000], // 100 kg × 1.50, the second delivery only
      ['Old cess', 6_550], // 2 % of the first delivery
    ]);
  });

  it('is exact past 2^53 in intermediate products and sorts lines by route, then code', () => {
    const big = 9_000_000_000_000; // 90 billion in minor units; × 1234 is past 2^53
    const run = computeSettlement(
      base({
        collections: [delivery(AMINA, TEA, '2026-11-01', 1_000, big), delivery(KIPRONO, TEA, '2026-11-01', 1_000, 5)],
        charges: [charge(1, { kind: 'percent', value: 1_234, name: 'Cess' })],
      }),
    );
    expect(run.lines.map((l) => l.route)).toEqual(['East', 'North']);
    // 9e12 × 1234 = 1.11e16 > 2^53: 1.234 % of 9e12 is exactly 111,060,000,000.
    expect(run.lines[1]!.deductions[0]!.due_minor).toBe(111_060_000_000);
    // 1.234 % of 0.05 rounds to nothing: no deduction line.
    expect(run.lines[0]!.deductions).toEqual([]);
  });

  it('refuses input that names an unknown supplier or product', () => {
    const row = {
      supplier_uuid: id(9),
      product_uuid: TEA,
      day: '2026-11-01',
      entries: 1,
      quantity_milli: 1,
      amount_minor: 1,
    };
    expect(() => computeSettlement(base({ collections: [row] }))).toThrow('supplier that is not in the input');
    expect(() =>
      computeSettlement(base({ collections: [{ ...row, supplier_uuid: AMINA, product_uuid: id(9) }] })),
    ).toThrow('product that is not in the input');
    expect(() =>
      computeSettlement(base({ collections: [{ ...row, supplier_uuid: AMINA, amount_minor: -1 }] })),
    ).toThrow('non-negative safe integer');
  });
});

describe('computeSecondPayment', () => {
  it('pays a rate per unit on the summed past quantities, rounding once per product line', () => {
    const run = computeSecondPayment({
      ...base(),
      quantities: [
        { supplier_uuid: AMINA, product_uuid: TEA, entries: 1, quantity_milli: 1 },
        { supplier_uuid: AMINA, product_uuid: TEA, entries: 1, quantity_milli: 1 },
        { supplier_uuid: AMINA, product_uuid: TEA, entries: 1, quantity_milli: 1 },
        { supplier_uuid: AMINA, product_uuid: MILK, entries: 4, quantity_milli: 50_000 },
        { supplier_uuid: KIPRONO, product_uuid: TEA, entries: 9, quantity_milli: 1_234_567 },
      ],
      rates: [{ product_uuid: TEA, rate_minor: 250 }],
      charges: [],
      credits: [credit(1, { instalment_minor: 1_000 })],
      brought_forward: [],
    });
    expect(run.kind).toBe('bonus');
    const [kiprono, amina] = run.lines;
    // 0.003 kg × 2.50 = 0.0075 → 0.01 once (three separate roundings would give 0.00).
    expect(amina!.gross_lines).toEqual([
      {
        product_uuid: TEA,
        product_code: 'TEA',
        product_name: 'Green tea leaf',
        unit: 'kg',
        entries: 3,
        quantity_milli: 3,
        rate_minor: 250,
        amount_minor: 1,
      },
    ]);
    expect(amina!.deductions).toEqual([
      { kind: 'credit', name: 'Loan 1', ref: id(301), origin: null, due_minor: 1_000, amount_minor: 1 },
    ]);
    expect(kiprono!.gross_minor).toBe(308_642); // 1,234.567 kg × 2.50 = 3,086.4175
    expect(run.totals.gross_minor).toBe(308_643);
  });
});
