import {
  moneyToInput,
  PERCENT_SCALE,
  QUANTITY_SCALE,
  toDecimalString,
  type ChargeKind,
  type EntityRow,
} from '../../../shared';
import type { SupplierCreditView } from '../../../shared/ipc/pay-runs-contract';
import type { SettlementRunView } from '../core/domain/settlements-service';

/**
 * What the headless client prints with --json for pay runs, charges and credit. Money is a decimal string in
 * the currency's minor digits ("2755.00"), made from the stored integer by the shared formatting — never a float,
 * so a script reads exactly what the desk stored.
 */
export function payRunJson(currency: string) {
  const money = (minor: number) => moneyToInput(minor, currency);
  const quantity = (milli: number) => toDecimalString(milli, QUANTITY_SCALE);
  const deduction = (d: { kind: string; name: string; due_minor: number; amount_minor: number }) => ({
    kind: d.kind,
    name: d.name,
    due: money(d.due_minor),
    amount: money(d.amount_minor),
  });

  return {
    money,

    /** A run with one entry per supplier line; totals are the exact sums of the lines. */
    run(view: SettlementRunView) {
      const { run } = view;
      return {
        uuid: run.uuid,
        code: run.code,
        name: run.name,
        kind: run.kind,
        status: run.status,
        period_from: run.period_from,
        period_to: run.period_to,
        route: run.route,
        approved_at: run.approved_at,
        ...(run.kind === 'bonus'
          ? { bonus_rates: run.bonus_rates.map((r) => ({ product_uuid: r.product_uuid, rate: money(r.rate_minor) })) }
          : {}),
        totals: {
          suppliers: run.suppliers,
          gross: money(run.gross_minor),
          deductions: money(run.deductions_minor),
          net: money(run.net_minor),
          carried_forward: money(run.carried_forward_minor),
          credit_remaining: money(run.credit_remaining_minor),
          by_deduction: run.by_deduction.map(deduction),
        },
        lines: view.lines.map((l) => ({
          supplier_code: l.supplier_code,
          supplier_name: l.supplier_name,
          route: l.route,
          gross_lines: l.gross_lines.map((g) => ({
            product_code: g.product_code,
            entries: g.entries,
            quantity: quantity(g.quantity_milli),
            rate: g.rate_minor === null ? null : money(g.rate_minor),
            amount: money(g.amount_minor),
          })),
          gross: money(l.gross_minor),
          deductions: l.deductions.map(deduction),
          net: money(l.net_minor),
          carried_forward: money(l.carried_forward_minor),
          credit_remaining: money(l.credit_remaining_minor),
          payout_reference: l.payout_reference,
          payout_status: l.payout_status,
        })),
      };
    },

    /** A charge's value as typed: a percent ("1.5") or an amount ("2.00"). */
    charge(row: EntityRow<'charges'>) {
      return { ...row, value: chargeValue(row.kind, row.value, currency) };
    },

    credit<T extends EntityRow<'supplier_credits'> & Partial<Pick<SupplierCreditView, 'remaining_minor'>>>(row: T) {
      const { principal_minor, instalment_minor, remaining_minor, ...rest } = row;
      return {
        ...rest,
        principal: money(principal_minor),
        instalment: money(instalment_minor),
        ...(remaining_minor === undefined ? {} : { remaining: money(remaining_minor) }),
      };
    },
  };
}

function chargeValue(kind: ChargeKind, value: number, currency: string): string {
  return kind === 'percent'
    ? toDecimalString(value, PERCENT_SCALE)
        .replace(/(\.\d*?)0+$/, '$1')
        .replace(/\.$/, '')
    : moneyToInput(value, currency);
}
