import { amountMinor, computeSettlement, type ChargeTerms, type SettlementInput } from '../../../../../shared';
import type { ReportContext } from '../reports';
import type { PayslipRun } from './payslip';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** Suppliers have their own uuid range, so that any number of them never meets a product or charge. */
const sid = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
const SAMPLE_TEA = id(101);
const SAMPLE_MILK = id(102);

/**
 * A small, realistic run for payslip tests and the docs picture: suppliers on two routes, both products, an
 * advance, charges of every kind, credit and a supplier whose deductions carry forward.
 */
export function sampleRun(suppliers = 5): PayslipRun {
  const people = ['Amina Njeri', 'Kiprono Langat', 'Wanjiku Mwangi', 'Otieno Ouma', 'Chebet Korir', 'Mutua Musyoka'];
  const input: SettlementInput = {
    period: { from: '2026-11-01', to: '2026-11-30' },
    suppliers: Array.from({ length: suppliers }, (_, i) => ({
      uuid: sid(i + 1),
      code: `S-${String(i + 1).padStart(4, '0')}`,
      name: people[i % people.length]!,
      route: i % 2 ? 'Kapsoit' : 'Chepkoton',
    })),
    products: [
      { uuid: SAMPLE_TEA, code: 'TEA', name: 'Green tea leaf', unit: 'kg' },
      { uuid: SAMPLE_MILK, code: 'MILK', name: 'Fresh milk', unit: 'l' },
    ],
    collections: Array.from({ length: suppliers }, (_, i) => [
      {
        supplier_uuid: sid(i + 1),
        product_uuid: SAMPLE_TEA,
        day: '2026-11-05',
        entries: 12,
        quantity_milli: 412_500 + i * 37_125,
        amount_minor: 0,
        rate_minor: 3_275,
      },
      ...(i % 3 === 0
        ? [
            {
              supplier_uuid: sid(i + 1),
              product_uuid: SAMPLE_MILK,
              day: '2026-11-20',
              entries: 25,
              quantity_milli: 187_250,
              amount_minor: 0,
              rate_minor: 4_550,
            },
          ]
        : []),
    ])
      .flat()
      .map((c) => ({ ...c, amount_minor: amountMinor(c.quantity_milli, c.rate_minor) }))
      .filter((c) => c.supplier_uuid !== sid(4)),
    payments: [
      { supplier_uuid: sid(1), type: 'advance', entries: 2, amount_minor: 250_000 },
      { supplier_uuid: sid(3), type: 'partial', entries: 1, amount_minor: 1_400_000 },
    ],
    charges: [
      charge(1, 'Management fee', 'percent', 1_500, null),
      charge(2, 'Transport', 'per_unit', 200, SAMPLE_TEA),
      charge(3, 'Society fee', 'fixed', 15_000, null),
    ],
    credits: [
      {
        uuid: id(301),
        supplier_uuid: sid(1),
        kind: 'input',
        description: 'Fertiliser NPK 25 kg × 2',
        instalment_minor: 150_000,
        remaining_minor: 600_000,
        issued_on: '2026-08-14',
      },
      {
        uuid: id(302),
        supplier_uuid: sid(3),
        kind: 'loan',
        description: 'School fees loan',
        instalment_minor: 200_000,
        remaining_minor: 350_000,
        issued_on: '2026-09-01',
      },
    ],
    brought_forward: [
      { supplier_uuid: sid(4), kind: 'charge', name: 'Society fee', ref: id(203), amount_minor: 15_000 },
    ],
  };
  const known = new Set(input.suppliers.map((s) => s.uuid));
  const mine = <T extends { supplier_uuid: string }>(rows: T[]) => rows.filter((r) => known.has(r.supplier_uuid));
  return {
    code: '2026-11',
    name: 'November 2026 pay run',
    ...computeSettlement({
      ...input,
      payments: mine(input.payments),
      credits: mine(input.credits),
      brought_forward: mine(input.brought_forward),
    }),
  };
}

function charge(
  n: number,
  name: string,
  kind: ChargeTerms['kind'],
  value: number,
  product: string | null,
): ChargeTerms {
  return {
    uuid: id(200 + n),
    code: `C${n}`,
    name,
    kind,
    value,
    product_uuid: product,
    sort_order: n,
    active_from: '2026-01-01',
    active_to: null,
  };
}

/** How the sample office prints: Kenyan shillings on A4. */
export const SAMPLE_CONTEXT: ReportContext = {
  company: { name: 'Kericho Tea Buyers Ltd', address: 'P.O. Box 12, Kericho' },
  money: { currency: 'KES', locale: 'en-KE' },
  paper: 'A4',
  printedBy: 'Otieno Supervisor',
  printedAt: '2026-12-02 09:00',
};
