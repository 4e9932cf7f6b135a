import { readFileSync, writeFileSync } from 'node:fs';
import {
  counted,
  AppError,
  CHARGE_KINDS,
  CREDIT_KINDS,
  PAYOUT_METHODS,
  describeChargeValue,
  formatMoney,
  localDateOf,
  parseChargeValue,
  parseMoney,
  RUN_KINDS,
  type BonusRate,
  type ChargeKind,
  type CreditKind,
  type ParseResult,
  type RunKind,
} from '../../../shared';
import type { Core } from '../core/create-core';
import type { SettlementRunView } from '../core/domain/settlements-service';
import { launchChromium, htmlToPdf } from '../core/reports/chromium-pdf';
import type { PaperSize } from '../core/reports/paged-document';
import { payslipRun } from '../core/reports/payslips/payslip';
import { printedAtIn } from '../core/reports/printed-at';
import { writePayslipsPdf } from '../core/reports/payslips/payslips-pdf';
import { currencyOf, many, need, opt, type Command } from './commands';
import { payRunJson } from './pay-run-json';

const currency = currencyOf;
const money = (core: Core, minor: number) =>
  formatMoney(minor, { currency: currency(core), locale: process.env.LOCALE ?? 'en-US' });
const json = (core: Core) => payRunJson(currency(core));

function parsed(result: ParseResult, name: string): number {
  if (result.ok) return result.value;
  const problem = result.error.replace(/^\S+ /, '');
  throw new AppError('VALIDATION_FAILED', `--${name} ${problem}`, { [name]: problem });
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const problem = `must be one of: ${allowed.join(', ')}`;
  throw new AppError('VALIDATION_FAILED', `--${name} ${problem}`, { [name]: problem });
}

/**
 * `--rate TEA=0.50 --rate COF=1.25`: a second payment's amount per unit of each product, in the currency's
 * decimals; every product at most once.
 */
async function bonusRates(core: Core, rates: string[]): Promise<BonusRate[]> {
  const problem = (text: string) => new AppError('VALIDATION_FAILED', `--rate ${text}`, { rate: text });
  if (!rates.length) throw problem('is required for a second payment: --rate PRODUCTCODE=0.50 (one per product)');
  const result: BonusRate[] = [];
  const seen = new Set<string>();
  for (const given of rates) {
    const match = /^([^=]+)=(.*)$/.exec(given.trim());
    if (!match) throw problem(`"${given}" must be PRODUCTCODE=AMOUNT, e.g. TEA=0.50`);
    const code = match[1]!.trim();
    if (seen.has(code)) throw problem(`names ${code} twice`);
    seen.add(code);
    const rate = parseMoney(match[2]!, currency(core), `for ${code}`);
    if (!rate.ok) throw problem(rate.error);
    if (rate.value === 0) throw problem(`for ${code} must be more than zero`);
    result.push({ product_uuid: (await core.products.getByCode(code)).uuid, rate_minor: rate.value });
  }
  return result;
}

/** The run id given after the command: a uuid or a run code. */
function runId(args: string[], flags: Record<string, unknown>): string {
  const id = args[0] ?? (typeof flags.settlement === 'string' ? flags.settlement : undefined);
  if (!id) throw new AppError('VALIDATION_FAILED', 'Say which run: its code or uuid', { settlement: 'is required' });
  return id;
}

function runText(core: Core, view: SettlementRunView): string {
  const { run } = view;
  const head = [
    `${run.code} ${run.name} — ${run.status} (${run.period_from} to ${run.period_to}${run.route ? `, route ${run.route}` : ''})`,
    `${counted(run.suppliers, 'supplier')}: gross ${money(core, run.gross_minor)}, deductions ${money(core, run.deductions_minor)}, net ${money(core, run.net_minor)}, carried forward ${money(core, run.carried_forward_minor)}`,
  ];
  const lines = view.lines.map(
    (l) =>
      `  ${l.supplier_code.padEnd(12)} gross ${money(core, l.gross_minor).padStart(14)}  deductions ${money(core, l.deductions_minor).padStart(12)}  net ${money(core, l.net_minor).padStart(14)}${l.carried_forward_minor ? `  carried ${money(core, l.carried_forward_minor)}` : ''}  ${l.payout_status}`,
  );
  return [...head, ...lines].join('\n');
}

export const payRunCommands: Record<string, Command> = {
  async 'supplier payout'(core, flags, _args, out) {
    const supplier = await core.suppliers.getByCode(need(flags, 'supplier'));
    const patch = {
      payout_method: oneOf(need(flags, 'method'), PAYOUT_METHODS, 'method'),
      ...(opt(flags, 'account-name') !== undefined ? { bank_account_name: opt(flags, 'account-name') } : {}),
      ...(opt(flags, 'account') !== undefined ? { bank_account_number: opt(flags, 'account') } : {}),
      ...(opt(flags, 'bank-code') !== undefined ? { bank_code: opt(flags, 'bank-code') } : {}),
      ...(opt(flags, 'phone') !== undefined ? { mobile_phone: opt(flags, 'phone') } : {}),
    };
    const row = await core.suppliers.update(supplier.uuid, patch);
    out.print(`${row.code} is paid by ${row.payout_method}`, row);
    return 0;
  },

  async 'charge add'(core, flags, _args, out) {
    const kind = oneOf<ChargeKind>(need(flags, 'kind'), CHARGE_KINDS, 'kind');
    const product = opt(flags, 'product');
    const row = await core.charges.create({
      code: need(flags, 'code'),
      name: need(flags, 'name'),
      kind,
      value: parsed(parseChargeValue(kind, need(flags, 'value'), currency(core)), 'value'),
      product_uuid: product ? (await core.products.getByCode(product)).uuid : null,
      ...(opt(flags, 'order') ? { sort_order: Number(opt(flags, 'order')) } : {}),
      active_from: opt(flags, 'from') ?? localDateOf(new Date(), core.ctx.orgTimeZone),
      active_to: opt(flags, 'to') ?? null,
      notes: opt(flags, 'notes') ?? '',
    });
    out.print(
      `Added charge ${row.code} ${row.name}: ${describeChargeValue(row.kind, row.value, currency(core))}`,
      json(core).charge(row),
    );
    return 0;
  },

  async 'charge list'(core, _flags, _args, out) {
    const rows = await core.charges.list();
    out.print(
      rows
        .map(
          (c) =>
            `${String(c.sort_order).padStart(4)} ${c.code.padEnd(10)} ${c.name.padEnd(24)} ${describeChargeValue(c.kind, c.value, currency(core)).padEnd(16)} ${c.active_from}..${c.active_to ?? ''}`,
        )
        .join('\n') || '(no charges)',
      rows.map(json(core).charge),
    );
    return 0;
  },

  async 'credit add'(core, flags, _args, out) {
    const supplier = await core.suppliers.getByCode(need(flags, 'supplier'));
    const row = await core.credits.create({
      supplier_uuid: supplier.uuid,
      kind: oneOf<CreditKind>(need(flags, 'kind'), CREDIT_KINDS, 'kind'),
      description: opt(flags, 'note') ?? '',
      principal_minor: parsed(parseMoney(need(flags, 'principal'), currency(core), 'principal'), 'principal'),
      instalment_minor: parsed(parseMoney(need(flags, 'instalment'), currency(core), 'instalment'), 'instalment'),
      issued_on: opt(flags, 'date') ?? localDateOf(new Date(), core.ctx.orgTimeZone),
    });
    out.print(
      `Added ${row.kind} of ${money(core, row.principal_minor)} for ${supplier.code}, ${money(core, row.instalment_minor)} per run (${row.uuid})`,
      json(core).credit(row),
    );
    return 0;
  },

  async 'credit list'(core, flags, _args, out) {
    const supplier = await core.suppliers.getByCode(need(flags, 'supplier'));
    const rows = await core.credits.listForSupplier(supplier.uuid);
    out.print(
      rows
        .map(
          (c) =>
            `${c.issued_on} ${c.kind.padEnd(6)} ${c.name.padEnd(30)} principal ${money(core, c.principal_minor)}  instalment ${money(core, c.instalment_minor)}  remaining ${money(core, c.remaining_minor)}`,
        )
        .join('\n') || '(no credit)',
      rows.map((r) => json(core).credit(r)),
    );
    return 0;
  },

  async 'settlement create'(core, flags, _args, out) {
    const product = opt(flags, 'product');
    const kind = oneOf<RunKind>(opt(flags, 'kind') ?? 'regular', RUN_KINDS, 'kind');
    const rates = many(flags, 'rate');
    if (kind === 'regular' && rates.length)
      throw new AppError('VALIDATION_FAILED', '--rate is for a second payment only (--kind bonus)', {
        rate: 'is for a second payment only (--kind bonus)',
      });
    const view = await core.settlements.create({
      kind,
      ...(kind === 'bonus' ? { bonus_rates: await bonusRates(core, rates) } : {}),
      period_from: need(flags, 'from'),
      period_to: need(flags, 'to'),
      ...(opt(flags, 'code') ? { code: opt(flags, 'code') } : {}),
      ...(opt(flags, 'name') ? { name: opt(flags, 'name') } : {}),
      ...(opt(flags, 'route') ? { route: opt(flags, 'route') } : {}),
      ...(product ? { product_uuid: (await core.products.getByCode(product)).uuid } : {}),
    });
    out.print(runText(core, view), json(core).run(view));
    return 0;
  },

  async 'settlement list'(core, _flags, _args, out) {
    const runs = await core.settlements.list();
    out.print(
      runs
        .map(
          (r) =>
            `${r.code.padEnd(24)} ${r.status.padEnd(9)} ${r.period_from}..${r.period_to}  ${counted(r.suppliers, 'supplier')}  net ${money(core, r.net_minor)}`,
        )
        .join('\n') || '(no settlement runs)',
      runs.map((r) => ({
        uuid: r.uuid,
        code: r.code,
        name: r.name,
        status: r.status,
        period_from: r.period_from,
        period_to: r.period_to,
        kind: r.kind,
        net: json(core).money(r.net_minor),
      })),
    );
    return 0;
  },

  async 'settlement show'(core, flags, args, out) {
    const view = await core.settlements.find(runId(args, flags));
    out.print(runText(core, view), json(core).run(view));
    return 0;
  },

  async 'settlement recompute'(core, flags, args, out) {
    const view = await core.settlements.recompute(runId(args, flags));
    out.print(runText(core, view), json(core).run(view));
    return 0;
  },

  async 'settlement approve'(core, flags, args, out) {
    const view = await core.settlements.approve(runId(args, flags));
    out.print(
      view.run.kind === 'bonus'
        ? `Approved ${view.run.code}: a second payment to ${counted(view.run.suppliers, 'supplier')}, ready to pay (it closes no period).`
        : `Approved ${view.run.code}: ${view.run.period_from} to ${view.run.period_to} is now closed for its ${counted(view.run.suppliers, 'supplier')}.`,
      json(core).run(view),
    );
    return 0;
  },

  async 'settlement export'(core, flags, args, out) {
    const format = oneOf(need(flags, 'format'), ['bank', 'mobile'] as const, 'format');
    const file = need(flags, 'out');
    const payout = await core.settlements.payoutFile(runId(args, flags), format, currency(core));
    writeFileSync(file, payout.csv);
    const skipped = payout.skipped.length ? `; ${payout.skipped.length} line(s) not in it (other methods)` : '';
    out.print(`${payout.lines} payment(s) totalling ${money(core, payout.total_minor)} written to ${file}${skipped}`, {
      file,
      lines: payout.lines,
      total: json(core).money(payout.total_minor),
      skipped: payout.skipped,
    });
    return 0;
  },

  async 'settlement import-result'(core, flags, args, out) {
    const file = args[1] ?? need(flags, 'file');
    const view = await core.settlements.importPayoutResults(runId(args, flags), readFileSync(file, 'utf8'));
    const paid = view.lines.filter((l) => l.payout_status === 'paid').length;
    const failed = view.lines.filter((l) => l.payout_status === 'failed').length;
    out.print(`${view.run.code} is ${view.run.status}: ${paid} line(s) paid, ${failed} failed`, json(core).run(view));
    return 0;
  },

  async adjust(core, flags, _args, out) {
    const result = await core.adjustments.adjust(need(flags, 'op'));
    out.print(
      result.adjustment_uuid
        ? `Adjustment ${result.adjustment_uuid} queued, dated now: ${result.notes}`
        : `Queued again, dated now: ${result.notes}`,
      result,
    );
    return 0;
  },

  async 'report payslips'(core, flags, _args, out) {
    const view = await core.settlements.find(need(flags, 'settlement'));
    const file = need(flags, 'out');
    if (!file.toLowerCase().endsWith('.pdf'))
      throw new AppError('VALIDATION_FAILED', '--out must end in .pdf', { out: 'must end in .pdf' });
    const paper = (opt(flags, 'paper') ?? 'A4') as PaperSize;
    const browser = await launchChromium();
    try {
      const written = await writePayslipsPdf(
        payslipRun(view),
        {
          company: {
            name: opt(flags, 'company') ?? process.env.COMPANY_NAME ?? '',
            address: process.env.COMPANY_ADDRESS ?? '',
          },
          money: { currency: currency(core), locale: process.env.LOCALE ?? 'en-US' },
          paper,
          printedBy: core.auth.current?.name ?? 'headless client',
          printedAt: printedAtIn(core.ctx.orgTimeZone, core.ctx.now()),
        },
        file,
        (html, size) => htmlToPdf(html, size, browser),
      );
      out.print(`${written.payslips} payslip(s), ${written.pages} page(s) written to ${file}`, written);
    } finally {
      await browser.close();
    }
    return 0;
  },
};
