import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYMENT_TYPES } from '../domain/entities/payments';
import type { ChargeTerms } from '../domain/charges';
import type { SettlementLine, SettlementResult } from '../domain/settlement-lines';
import type { CreditTerms } from '../domain/supplier-credits';
import { computeSettlement, lineOrder } from './compute-settlement';
import type { AdjustmentEntry, BroughtForward, CollectionTotal, PaymentTotal, SettlementInput } from './input';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const day = (d: number) =>
  `2026-${d < 1 ? '10' : d > 30 ? '12' : '11'}-${String(d < 1 ? 31 + d : d > 30 ? d - 30 : d).padStart(2, '0')}`;

const SUPPLIERS = Array.from({ length: 6 }, (_, i) => ({
  uuid: id(i + 1),
  code: `S-${String(6 - i).padStart(3, '0')}`,
  name: `Supplier ${i}`,
  route: ['North', 'East', ''][i % 3]!,
}));
const PRODUCTS = Array.from({ length: 3 }, (_, i) => ({
  uuid: id(100 + i),
  code: `P${i}`,
  name: `Product ${i}`,
  unit: 'kg',
}));

const supplier = fc.constantFrom(...SUPPLIERS.map((s) => s.uuid));
const product = fc.constantFrom(...PRODUCTS.map((p) => p.uuid));
const money = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 2 ** 40 }));

const collection: fc.Arbitrary<CollectionTotal> = fc.record({
  supplier_uuid: supplier,
  product_uuid: product,
  day: fc.integer({ min: 1, max: 30 }).map(day),
  entries: fc.integer({ min: 1, max: 5 }),
  quantity_milli: fc.integer({ min: 1, max: 5_000_000 }),
  amount_minor: money,
});
const payment: fc.Arbitrary<PaymentTotal> = fc.record({
  supplier_uuid: supplier,
  type: fc.constantFrom(...PAYMENT_TYPES),
  entries: fc.integer({ min: 1, max: 3 }),
  amount_minor: money,
  voided: fc.boolean(),
});
const charge = (n: number): fc.Arbitrary<ChargeTerms> =>
  fc
    .record({
      kind: fc.constantFrom('percent', 'per_unit', 'fixed' as const),
      value: fc.integer({ min: 1, max: 100_000 }),
      product_uuid: fc.option(product, { nil: null }),
      sort_order: fc.integer({ min: 0, max: 5 }),
      from: fc.integer({ min: -5, max: 35 }),
      length: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    })
    .map((c) => ({
      uuid: id(200 + n),
      code: `C${n}`,
      name: `Charge ${n}`,
      kind: c.kind,
      value: c.value,
      product_uuid:
        c.kind === 'fixed' ? null : c.kind === 'per_unit' ? (c.product_uuid ?? PRODUCTS[0]!.uuid) : c.product_uuid,
      sort_order: c.sort_order,
      active_from: day(Math.max(-29, c.from)),
      active_to: c.length === null ? null : day(Math.min(60, Math.max(-29, c.from) + c.length)),
    }));
const credit = (n: number): fc.Arbitrary<CreditTerms> =>
  fc
    .record({
      supplier_uuid: supplier,
      instalment_minor: fc.integer({ min: 1, max: 500_000 }),
      remaining_minor: fc.integer({ min: 0, max: 2_000_000 }),
      issued: fc.integer({ min: 1, max: 30 }),
    })
    .map((c) => ({
      uuid: id(300 + n),
      supplier_uuid: c.supplier_uuid,
      kind: n % 2 ? 'loan' : 'input',
      description: `Credit ${n}`,
      instalment_minor: c.instalment_minor,
      remaining_minor: c.remaining_minor,
      issued_on: day(c.issued),
    }));
const brought: fc.Arbitrary<BroughtForward> = fc.record({
  supplier_uuid: supplier,
  kind: fc.constantFrom('advance', 'partial', 'charge', 'credit' as const),
  name: fc.constantFrom('Levy', 'Loan', 'Advances paid (1)'),
  ref: fc.option(
    fc.integer({ min: 1, max: 3 }).map((n) => id(400 + n)),
    { nil: null },
  ),
  amount_minor: fc.integer({ min: 1, max: 1_000_000 }),
});
/** Adjustments owed to the supplier (positive) or owed back (negative), of a collection or a payment. */
const adjustment = (n: number): fc.Arbitrary<AdjustmentEntry> =>
  fc
    .record({
      supplier_uuid: supplier,
      product_uuid: fc.option(product, { nil: null }),
      quantity_milli: fc.integer({ min: -5_000_000, max: 5_000_000 }),
      owed_minor: fc.oneof(
        fc.integer({ min: -2_000_000, max: 2_000_000 }),
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      ),
    })
    .map((a) => ({
      ...a,
      quantity_milli: a.product_uuid ? a.quantity_milli : 0,
      uuid: id(500 + n),
      adjusts_uuid: id(600 + n),
      label: `Adjustment of 2026-10-${String((n % 28) + 1).padStart(2, '0')} record ${n}`,
    }));
const indexed = <T>(make: (n: number) => fc.Arbitrary<T>, max: number) =>
  fc.integer({ min: 0, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => make(i))));

const input: fc.Arbitrary<SettlementInput> = fc.record({
  period: fc.constant(PERIOD),
  suppliers: fc.constant(SUPPLIERS),
  products: fc.constant(PRODUCTS),
  collections: fc.array(collection, { maxLength: 40 }),
  payments: fc.array(payment, { maxLength: 10 }),
  charges: indexed(charge, 5),
  credits: indexed(credit, 5),
  brought_forward: fc.array(brought, { maxLength: 6 }),
  adjustments: indexed(adjustment, 6),
});
const adjustmentsOf = (inp: SettlementInput, uuid: string) =>
  (inp.adjustments ?? []).filter((a) => a.supplier_uuid === uuid);

/** What falls due per supplier, computed the plain way, row by row (the oracle). */
function expectedDue(inp: SettlementInput, uuid: string): number {
  const rows = inp.collections.filter((c) => c.supplier_uuid === uuid);
  const delivered = rows.length > 0;
  let due = 0n;
  for (const b of inp.brought_forward) if (b.supplier_uuid === uuid) due += BigInt(b.amount_minor);
  for (const a of adjustmentsOf(inp, uuid)) if (a.owed_minor < 0) due += BigInt(-a.owed_minor);
  for (const p of inp.payments)
    if (p.supplier_uuid === uuid && !p.voided && p.type !== 'settlement') due += BigInt(p.amount_minor);
  if (!delivered) return Number(due);
  for (const c of inp.charges) {
    const on = (d: string) => c.active_from <= d && (c.active_to === null || c.active_to >= d);
    const mine = rows.filter((r) => on(r.day) && (c.product_uuid === null || c.product_uuid === r.product_uuid));
    if (c.kind === 'fixed') {
      if (c.active_from <= PERIOD.to && (c.active_to === null || c.active_to >= PERIOD.from)) due += BigInt(c.value);
    } else {
      const basis = mine.reduce((s, r) => s + BigInt(c.kind === 'percent' ? r.amount_minor : r.quantity_milli), 0n);
      const exact = basis * BigInt(c.value);
      const d = c.kind === 'percent' ? 100_000n : 1_000n;
      due += exact / d + (2n * (exact % d) >= d ? 1n : 0n);
    }
  }
  for (const c of inp.credits)
    if (c.supplier_uuid === uuid) due += BigInt(Math.min(c.instalment_minor, c.remaining_minor));
  return Number(due);
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

function checkLine(inp: SettlementInput, line: SettlementLine) {
  const gross =
    sum(inp.collections.filter((c) => c.supplier_uuid === line.supplier_uuid).map((c) => c.amount_minor)) +
    sum(adjustmentsOf(inp, line.supplier_uuid).map((a) => Math.max(0, a.owed_minor)));
  expect(line.gross_minor).toBe(gross);
  expect(sum(line.gross_lines.map((l) => l.amount_minor))).toBe(line.gross_minor);
  expect(line.deductions_minor).toBe(sum(line.deductions.map((d) => d.amount_minor)));
  expect(line.gross_minor - line.deductions_minor).toBe(line.net_minor);
  expect(line.net_minor).toBeGreaterThanOrEqual(0);
  for (const d of line.deductions) expect(d.amount_minor).toBeLessThanOrEqual(d.due_minor);
  const due = sum(line.deductions.map((d) => d.due_minor));
  expect(due).toBe(expectedDue(inp, line.supplier_uuid));
  expect(line.carried_forward_minor + line.deductions_minor).toBe(due);
  expect(sum(line.carried_forward.map((c) => c.amount_minor))).toBe(line.carried_forward_minor);
  // Something carries forward only once gross is spent.
  if (line.carried_forward_minor > 0) expect(line.net_minor).toBe(0);
  for (const balance of line.credits) {
    const terms = inp.credits.find((c) => c.uuid === balance.credit_uuid)!;
    expect(balance.remaining_minor).toBe(terms.remaining_minor - balance.due_minor);
  }
  expect(line.credit_remaining_minor).toBe(sum(line.credits.map((c) => c.remaining_minor)));
}

function checkTotals(run: SettlementResult) {
  const { totals, lines } = run;
  expect(totals.suppliers).toBe(lines.length);
  for (const key of [
    'gross_minor',
    'deductions_minor',
    'net_minor',
    'carried_forward_minor',
    'credit_remaining_minor',
  ] as const)
    expect(totals[key]).toBe(sum(lines.map((l) => l[key])));
  expect(totals.due_minor).toBe(sum(lines.flatMap((l) => l.deductions.map((d) => d.due_minor))));
  expect(sum(totals.by_deduction.map((d) => d.amount_minor))).toBe(totals.deductions_minor);
  expect(sum(totals.by_deduction.map((d) => d.due_minor))).toBe(totals.due_minor);
}

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('settlement engine properties', () => {
  it('gross − Σdeductions = net ≥ 0, carried forward + recovered = due, and totals = Σ lines, for any input (adjustments too)', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const run = computeSettlement(inp);
        const withActivity = new Set([
          ...inp.collections.map((c) => c.supplier_uuid),
          ...inp.brought_forward.map((b) => b.supplier_uuid),
          ...(inp.adjustments ?? []).map((a) => a.supplier_uuid),
          ...inp.payments
            .filter((p) => !p.voided && p.type !== 'settlement' && p.amount_minor > 0)
            .map((p) => p.supplier_uuid),
        ]);
        expect(run.lines.map((l) => l.supplier_uuid).sort()).toEqual([...withActivity].sort());
        for (const line of run.lines) checkLine(inp, line);
        checkTotals(run);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same run twice, or with its input in any order, is identical and ordered', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 1_000_000 }), (inp, seed) => {
        const first = computeSettlement(inp);
        expect(computeSettlement(structuredClone(inp))).toEqual(first);
        const shuffled = {
          ...inp,
          suppliers: shuffle(inp.suppliers, seed),
          collections: shuffle(inp.collections, seed + 1),
          payments: shuffle(inp.payments, seed + 2),
          charges: shuffle(inp.charges, seed + 3),
          credits: shuffle(inp.credits, seed + 4),
          brought_forward: shuffle(inp.brought_forward, seed + 5),
          adjustments: shuffle(inp.adjustments ?? [], seed + 6),
        };
        expect(JSON.stringify(computeSettlement(shuffled))).toBe(JSON.stringify(first));
        for (let i = 1; i < first.lines.length; i++)
          expect(lineOrder(first.lines[i - 1]!, first.lines[i]!)).toBeLessThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('carries debt across runs without losing or doubling a minor unit', () => {
    fc.assert(
      fc.property(input, fc.array(collection, { maxLength: 20 }), (first, later) => {
        const one = computeSettlement(first);
        const brought_forward = one.lines.flatMap((l) =>
          l.carried_forward.map((c) => ({ ...c, supplier_uuid: l.supplier_uuid })),
        );
        const credits = first.credits.map((c) => {
          const balance = one.lines.flatMap((l) => l.credits).find((b) => b.credit_uuid === c.uuid);
          return balance ? { ...c, remaining_minor: balance.remaining_minor } : c;
        });
        const two = computeSettlement({
          ...first,
          collections: later,
          payments: [],
          adjustments: [],
          charges: [],
          credits,
          brought_forward,
        });
        const owedBefore = one.totals.carried_forward_minor + sum(credits.map((c) => c.remaining_minor));
        const owedAfter =
          two.totals.carried_forward_minor +
          sum(
            credits.map(
              (c) =>
                two.lines.flatMap((l) => l.credits).find((b) => b.credit_uuid === c.uuid)?.remaining_minor ??
                c.remaining_minor,
            ),
          );
        expect(owedBefore - owedAfter).toBe(two.totals.deductions_minor);
      }),
      { numRuns: 200 },
    );
  });
});
