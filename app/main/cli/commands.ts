import { readFileSync, writeFileSync } from 'node:fs';
import {
  AppError,
  formatMoney,
  parseInput,
  formatQuantity,
  parseMoney,
  parseQuantity,
  PAYMENT_METHODS,
  PAYMENT_TYPES,
  type ParseResult,
  type PaymentMethod,
  type PaymentType,
} from '../../../shared';
import { DiscardInputSchema } from '../../../shared/ipc/inputs';
import type { Core } from '../core/create-core';
import { connectDesk } from '../core/desk/connect';
import { CLASH_HELP, clashDecisions } from './clash-flags';
import { createLocalAdmin } from '../core/desk/local-admin';
import { exportAll } from '../core/io/export';
import { importSuppliers } from '../core/io/import-suppliers';
import { htmlToPdf } from '../core/reports/chromium-pdf';
import type { PaperSize } from '../core/reports/paged-document';
import { printedAtIn } from '../core/reports/printed-at';
import { renderReport } from '../core/reports/reports';
import { syncMetrics } from '../core/sync/metrics';
import type { ReportSpec } from '../../../shared/ipc/reports';
import { logout } from './logout-command';

/** An option given more than once (`--rate`) is a list; commands that take one value read the last. */
export type Flags = Record<string, string | string[] | boolean | undefined>;
export interface Output {
  /** Human text, or the value itself with --json. */
  print(human: string, value?: unknown): void;
}
export type Command = (core: Core, flags: Flags, args: string[], out: Output) => Promise<number>;

const last = (value: Flags[string]) => (Array.isArray(value) ? value[value.length - 1] : value);

/** Every value of an option that may be given more than once. */
export function many(flags: Flags, name: string): string[] {
  const value = flags[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

export function need(flags: Flags, name: string): string {
  const value = last(flags[name]);
  if (typeof value !== 'string' || value.trim() === '')
    throw new AppError('VALIDATION_FAILED', `--${name} is required`, { [name]: 'is required' });
  return value;
}

/** A parsed decimal option, or an error naming the option once ("--qty cannot be negative"). */
function decimal(result: ParseResult, name: string): number {
  if (result.ok) return result.value;
  const problem = result.error.slice(name.length + 1);
  throw new AppError('VALIDATION_FAILED', `--${name} ${problem}`, { [name]: problem });
}

export function opt(flags: Flags, name: string): string | undefined {
  const value = last(flags[name]);
  return typeof value === 'string' ? value : undefined;
}

/** The office's currency once a server has said one (as on a desk), else CURRENCY, else USD. */
export const currencyOf = (core: Core) => core.officeCurrency() ?? process.env.CURRENCY ?? 'USD';

function amount(core: Core, flags: Flags, name: string): number {
  return decimal(parseMoney(need(flags, name), currencyOf(core), name), name);
}

const money = (core: Core, minor: number) =>
  formatMoney(minor, { currency: currencyOf(core), locale: process.env.LOCALE ?? 'en-US' });

export const commands: Record<string, Command> = {
  async login(core, flags, _args, out) {
    const user = await core.auth.login(
      need(flags, 'email'),
      need(flags, 'password'),
      opt(flags, 'device-name') ?? 'Headless client',
    );
    out.print(`Signed in as ${user.name} <${user.email}> (${user.role}) on ${core.serverUrl()}`, user);
    const result = await core.engine.sync('login');
    out.print(`First sync: ${result.outcome}, pushed ${result.pushed}, pulled ${result.pulled}`);
    return 0;
  },

  async init(core, flags, _args, out) {
    if (!flags.local)
      throw new AppError(
        'VALIDATION_FAILED',
        'Say how this desk works: init --local (this computer only), or use connect',
      );
    await createLocalAdmin(core, {
      name: need(flags, 'name'),
      email: need(flags, 'email'),
      password: need(flags, 'password'),
    });
    out.print(
      `This desk works on its own. ${need(flags, 'name')} is its administrator; connect to a server later with "connect".`,
      { mode: 'local' },
    );
    return 0;
  },

  async connect(core, flags, _args, out) {
    const input = { serverUrl: need(flags, 'server'), email: need(flags, 'email'), password: need(flags, 'password') };
    const choices = { map: Boolean(flags.map), merge: many(flags, 'merge'), recode: many(flags, 'recode') };
    let result = await connectDesk(core, input);
    const decided = choices.map || choices.merge.length > 0 || choices.recode.length > 0;
    if (result.status === 'clashes' && decided)
      result = await connectDesk(core, input, { decisions: clashDecisions(result.clashes, choices) });
    if (result.status === 'clashes') {
      const lines = result.clashes.map(
        (c) =>
          `  ${c.entity_type === 'suppliers' ? 'supplier' : 'product'} ${c.code}: "${c.local_name}" here, "${c.server_name}" on the server` +
          (c.suggested === 'recode' ? ' (names differ: likely another record)' : ''),
      );
      out.print(`${result.message}\n${lines.join('\n')}\n${CLASH_HELP}`, result);
      return 1;
    }
    out.print(result.message, result);
    return 0;
  },

  logout,

  async sync(core, _flags, _args, out) {
    if (!core.auth.current)
      throw new AppError('UNAUTHENTICATED', 'Sign in first: npm run cli -- login --email … --password …');
    const result = await core.engine.sync('manual');
    const status = await core.engine.refreshCounts();
    out.print(
      `Sync ${result.outcome}: pushed ${result.pushed}, pulled ${result.pulled}, conflicts ${result.conflicts}, errors ${result.errors}, ` +
        `${status.pending} pending, ${status.needsAttention} need attention (${result.durationMs} ms)${result.message ? ` — ${result.message}` : ''}`,
      { ...result, pending: status.pending, needsAttention: status.needsAttention },
    );
    return result.outcome === 'error' || result.outcome === 'auth_required' ? 1 : 0;
  },

  async status(core, _flags, _args, out) {
    const status = await core.engine.refreshCounts();
    const metrics = await syncMetrics(core.db);
    const user = core.auth.current;
    out.print(
      [
        `Server:          ${core.serverUrl() ?? '(none)'}`,
        `Signed in:       ${user ? `${user.name} <${user.email}> (${user.role})` : 'no'}`,
        `Pending changes: ${status.pending}`,
        `Need attention:  ${status.needsAttention}`,
        `Open conflicts:  ${status.openConflicts}`,
        `Last success:    ${status.lastSuccessAt ?? 'never'}`,
        `Sync runs:       ${metrics.runs} (${Math.round(metrics.successRate * 100)}% ok)`,
      ].join('\n'),
      { server: core.serverUrl(), user, ...status, metrics },
    );
    return 0;
  },

  async 'supplier add'(core, flags, _args, out) {
    const row = await core.suppliers.create({
      code: need(flags, 'code'),
      name: need(flags, 'name'),
      phone: opt(flags, 'phone') ?? '',
      address: opt(flags, 'address') ?? '',
      region: opt(flags, 'region') ?? '',
      notes: opt(flags, 'notes') ?? '',
    });
    out.print(`Added supplier ${row.code} ${row.name} (${row.uuid})`, row);
    return 0;
  },

  async 'supplier list'(core, flags, _args, out) {
    const page = await core.suppliers.list({ search: opt(flags, 'search'), limit: 1000, includeInactive: true });
    out.print(
      page.rows.map((s) => `${s.code.padEnd(12)} ${s.name}${s.phone ? `  ${s.phone}` : ''}`).join('\n') ||
        '(no suppliers)',
      page.rows,
    );
    return 0;
  },

  async 'product add'(core, flags, _args, out) {
    const row = await core.products.create({
      code: need(flags, 'code'),
      name: need(flags, 'name'),
      unit: need(flags, 'unit'),
    });
    out.print(`Added product ${row.code} ${row.name} per ${row.unit} (${row.uuid})`, row);
    return 0;
  },

  async 'product list'(core, _flags, _args, out) {
    const rows = await core.products.list({ includeInactive: true });
    out.print(rows.map((p) => `${p.code.padEnd(12)} ${p.name} (${p.unit})`).join('\n') || '(no products)', rows);
    return 0;
  },

  async 'rate set'(core, flags, _args, out) {
    const product = await core.products.getByCode(need(flags, 'product'));
    const row = await core.rates.set({
      product_uuid: product.uuid,
      rate_minor: amount(core, flags, 'rate'),
      effective_from: need(flags, 'from'),
    });
    out.print(
      `Rate for ${product.code} from ${row.effective_from}: ${money(core, row.rate_minor)} per ${product.unit}`,
      row,
    );
    return 0;
  },

  async 'collection add'(core, flags, _args, out) {
    const supplier = await core.suppliers.getByCode(need(flags, 'supplier'));
    const product = await core.products.getByCode(need(flags, 'product'));
    const quantity = decimal(parseQuantity(need(flags, 'qty'), 'qty'), 'qty');
    const row = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: product.uuid,
      quantity_milli: quantity,
      ...(opt(flags, 'at') ? { collected_at: opt(flags, 'at') } : {}),
    });
    out.print(
      `Collected ${formatQuantity(row.quantity_milli)} ${product.unit} from ${supplier.code} at ${money(core, row.rate_minor)} = ${money(core, row.amount_minor)} (${row.uuid})`,
      row,
    );
    return 0;
  },

  async 'payment add'(core, flags, _args, out) {
    const supplier = await core.suppliers.getByCode(need(flags, 'supplier'));
    const type = need(flags, 'type');
    const method = need(flags, 'method');
    if (!PAYMENT_TYPES.includes(type as PaymentType))
      throw new AppError('VALIDATION_FAILED', `--type must be one of: ${PAYMENT_TYPES.join(', ')}`, {
        type: `must be one of: ${PAYMENT_TYPES.join(', ')}`,
      });
    if (!PAYMENT_METHODS.includes(method as PaymentMethod))
      throw new AppError('VALIDATION_FAILED', `--method must be one of: ${PAYMENT_METHODS.join(', ')}`, {
        method: `must be one of: ${PAYMENT_METHODS.join(', ')}`,
      });
    const row = await core.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: amount(core, flags, 'amount'),
      type: type as PaymentType,
      method: method as PaymentMethod,
      reference: opt(flags, 'reference') ?? '',
    });
    const balance = await core.balances.of(supplier.uuid);
    out.print(
      `Paid ${money(core, row.amount_minor)} to ${supplier.code} (${row.uuid}); balance now ${money(core, balance.balance_minor)}`,
      row,
    );
    return 0;
  },

  async 'payment void'(core, flags, _args, out) {
    const row = await core.payments.void({ uuid: need(flags, 'uuid'), reason: need(flags, 'reason') });
    out.print(`Voided payment ${row.uuid}: ${row.void_reason}`, row);
    return 0;
  },

  async balance(core, flags, _args, out) {
    const supplier = await core.suppliers.getByCode(need(flags, 'supplier'));
    const b = await core.balances.of(supplier.uuid);
    out.print(
      `${supplier.code} ${supplier.name}: collected ${money(core, b.collected_minor)}, paid ${money(core, b.paid_minor)}, balance ${money(core, b.balance_minor)}`,
      b,
    );
    return 0;
  },

  async 'import suppliers'(core, _flags, args, out) {
    const file = args[0];
    if (!file) throw new AppError('VALIDATION_FAILED', 'Name the CSV file: import suppliers FILE.csv');
    const report = await importSuppliers(core, readFileSync(file, 'utf8'));
    if (report.rejected.length) {
      const lines = report.rejected.map(
        (r) =>
          `  line ${r.line}: ${Object.entries(r.reasons)
            .map(([f, m]) => `${f} ${m}`)
            .join('; ')}`,
      );
      out.print(`Nothing imported: ${report.rejected.length} row(s) rejected:\n${lines.join('\n')}`, report);
      return 1;
    }
    out.print(`Imported ${report.imported} supplier(s).`, report);
    return 0;
  },

  async report(core, flags, args, out) {
    const kind = args[0];
    const file = need(flags, 'out');
    let spec: ReportSpec;
    if (kind === 'statement')
      spec = {
        kind,
        supplier_uuid: (await core.suppliers.getByCode(need(flags, 'supplier'))).uuid,
        from: need(flags, 'from'),
        to: need(flags, 'to'),
      };
    else if (kind === 'daily') spec = { kind, date: need(flags, 'date') };
    else if (kind === 'receipt') spec = { kind, payment_uuid: need(flags, 'payment') };
    else if (kind === 'settlement') spec = { kind, from: need(flags, 'from'), to: need(flags, 'to') };
    else throw new AppError('VALIDATION_FAILED', 'Report must be one of: statement, daily, receipt, settlement');
    const paper = (opt(flags, 'paper') ?? 'A4') as PaperSize;
    if (paper !== 'A4' && paper !== 'Letter')
      throw new AppError('VALIDATION_FAILED', '--paper must be A4 or Letter', { paper: 'must be A4 or Letter' });
    const report = await renderReport(core, spec, {
      company: {
        name: opt(flags, 'company') ?? process.env.COMPANY_NAME ?? '',
        address: process.env.COMPANY_ADDRESS ?? '',
      },
      money: { currency: currencyOf(core), locale: process.env.LOCALE ?? 'en-US' },
      paper,
      printedBy: core.auth.current?.name ?? 'headless client',
      printedAt: printedAtIn(core.ctx.orgTimeZone, core.ctx.now()),
    });
    if (file.toLowerCase().endsWith('.pdf')) writeFileSync(file, await htmlToPdf(report.html, paper));
    else if (file.toLowerCase().endsWith('.html')) writeFileSync(file, report.html);
    else
      throw new AppError('VALIDATION_FAILED', '--out must end in .html or .pdf', { out: 'must end in .html or .pdf' });
    out.print(`${report.title}: ${report.pages} page(s) written to ${file}`, { file, pages: report.pages });
    return 0;
  },

  async export(core, _flags, _args, out) {
    const data = await exportAll(core);
    out.print(JSON.stringify(data, null, 2), data);
    return 0;
  },

  async attention(core, _flags, _args, out) {
    const items = await core.outbox.needsAttention();
    out.print(
      items
        .map((i) => `${i.op_id} ${i.operation} ${i.entity_type} ${i.entity_uuid}: ${i.code} ${i.message}`)
        .join('\n') || '(nothing needs attention)',
      items,
    );
    return 0;
  },

  async resend(core, flags, _args, out) {
    const fix = opt(flags, 'fix') ? (JSON.parse(opt(flags, 'fix')!) as Record<string, unknown>) : {};
    await core.outbox.resend(need(flags, 'op'), fix);
    out.print('Queued again.', { ok: true });
    return 0;
  },

  async discard(core, flags, _args, out) {
    await core.outbox.discard(
      parseInput(DiscardInputSchema, { op_id: need(flags, 'op'), reason: need(flags, 'reason') }),
    );
    out.print('Discarded; the reason is kept in the audit log.', { ok: true });
    return 0;
  },
};
