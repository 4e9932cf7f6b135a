import { sql } from 'kysely';
import { amountMinor, AppError, localDateOf, dayBounds, toIsoInstant } from '../../../shared';
import type { Handlers } from '../../../shared/ipc/contract';
import type { DashboardSummary, SessionInfo, SetupStatus } from '../../../shared/ipc/types';
import type { ConnectResult } from './desk/connect';
import type { LocalAdmin } from './desk/local-admin';
import type { Core } from './create-core';
import { createLedgerService } from './domain/ledger-service';
import { createPayRunApi } from './pay-runs-api';
import { rateInForce } from './domain/rates-service';
import type { ReportPrinter } from './reports/printer';
import { renderReport, type ReportContext } from './reports/reports';
import type { SettingsStore } from './settings';
import { checkServer } from './sync/check-server';
import { recentSyncLog, syncMetrics } from './sync/metrics';
import { SYNC_KEYS, writeState } from './sync/sync-state';
import { collectionViews, paymentViews } from './views';

/**
 * The IPC handlers, one per contract channel (the Handlers type makes a missing one a compile error).
 * Inputs arrive already validated against the contract's schemas by whoever transports them.
 */
/** First-run and demo control, from whoever owns the desk's databases (DeskManager). */
export interface DeskControl {
  status(): Promise<SetupStatus>;
  initLocal(input: LocalAdmin): Promise<void>;
  connect(input: { serverUrl: string; email: string; password: string }): Promise<ConnectResult>;
  mapAndConnect(input: { serverUrl: string; email: string; password: string }): Promise<ConnectResult>;
  startDemo(): Promise<{ collections: number; payments: number }>;
  leaveDemo(): Promise<void>;
}

const noDesk = (): never => {
  throw new AppError('FORBIDDEN', 'Not available here');
};

export function createApi(core: Core, settings: SettingsStore, printer: ReportPrinter, desk?: DeskControl): Handlers {
  const ledger = createLedgerService(core.ctx);

  function reportContext(): ReportContext {
    const s = settings.get();
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: core.ctx.orgTimeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return {
      company: { name: s.companyName, address: s.companyAddress },
      money: { currency: s.currency, locale: s.locale },
      paper: s.paperSize,
      printedBy: core.auth.current?.name ?? 'unknown user',
      printedAt: format.format(new Date(core.ctx.now())).replace(',', ''),
    };
  }

  async function sessionInfo(): Promise<SessionInfo> {
    const known = await core.db.selectFrom('local_users').select(['email', 'name']).orderBy('name').execute();
    return {
      user: core.auth.current,
      serverUrl: core.serverUrl(),
      deviceId: core.deviceId,
      knownUsers: known,
      orgTimeZone: core.ctx.orgTimeZone,
    };
  }

  async function applyServer(url: string) {
    if (url && url !== core.serverUrl()) {
      core.stopLive();
      await core.setServerUrl(url);
    }
  }

  async function today(): Promise<{ date: string; start: string; end: string }> {
    const date = localDateOf(core.ctx.now(), core.ctx.orgTimeZone);
    return { date, ...dayBounds(date, core.ctx.orgTimeZone) };
  }

  return {
    ...createPayRunApi(core, settings, printer, reportContext),
    'session.info': sessionInfo,
    async 'session.login'({ email, password }) {
      await applyServer(settings.get().serverUrl);
      await core.auth.login(email, password, 'CollectPay desk');
      core.engine.trigger('login');
      core.startLive();
      return sessionInfo();
    },
    async 'session.unlock'({ email, password }) {
      await core.auth.unlockOffline(email, password);
      if (await core.auth.hasServerSession()) {
        core.engine.trigger('login');
        core.startLive();
      }
      return sessionInfo();
    },
    async 'session.logout'() {
      core.stopLive();
      await core.auth.logout();
      return sessionInfo();
    },
    async 'session.connect'({ serverUrl }) {
      const result = await checkServer(serverUrl);
      if (result.ok) {
        settings.set({ serverUrl });
        await applyServer(serverUrl);
      }
      return result;
    },

    async 'settings.get'() {
      return settings.get();
    },
    async 'settings.set'(patch) {
      const next = settings.set(patch);
      if (patch.serverUrl !== undefined) await applyServer(next.serverUrl);
      if (patch.selectiveSync) await writeState(core.db, SYNC_KEYS.entityTypes, JSON.stringify(next.selectiveSync));
      return next;
    },

    async 'dashboard.summary'(): Promise<DashboardSummary> {
      const { date, start, end } = await today();
      const byUnit = await core.db
        .selectFrom('collections')
        .innerJoin('products', 'products.uuid', 'collections.product_uuid')
        .select([
          'products.unit as unit',
          sql<number>`count(*)`.as('n'),
          sql<number>`sum(collections.quantity_milli)`.as('q'),
          sql<number>`sum(collections.amount_minor)`.as('a'),
        ])
        .where('collections.deleted_at', 'is', null)
        .where('collections.collected_at', '>=', start)
        .where('collections.collected_at', '<', end)
        .groupBy('products.unit')
        .orderBy('products.unit')
        .execute();
      const p = await core.db
        .selectFrom('payments')
        .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount_minor), 0)`.as('a')])
        .where('deleted_at', 'is', null)
        .where('voided_at', 'is', null)
        .where('paid_at', '>=', start)
        .where('paid_at', '<', end)
        .executeTakeFirstOrThrow();
      return {
        today: date,
        collections: {
          count: byUnit.reduce((n, u) => n + Number(u.n), 0),
          amount_minor: byUnit.reduce((a, u) => a + Number(u.a), 0),
          by_unit: byUnit.map((u) => ({ unit: u.unit, quantity_milli: Number(u.q) })),
        },
        payments: { count: Number(p.n), amount_minor: Number(p.a) },
        sync: await core.engine.refreshCounts(),
      };
    },

    'suppliers.list': (input) => core.suppliers.list(input),
    'suppliers.get': ({ uuid }) => core.suppliers.get(uuid),
    'suppliers.create': (input) => core.suppliers.create(input),
    'suppliers.update': ({ uuid, patch }) => core.suppliers.update(uuid, patch),
    async 'suppliers.ledger'({ uuid, from, to }) {
      await core.suppliers.get(uuid);
      return ledger.of(uuid, { from: from && toIsoInstant(from), to: to && toIsoInstant(to) });
    },

    async 'products.list'({ includeInactive }) {
      const { date } = await today();
      const products = await core.products.list({ includeInactive });
      return Promise.all(
        products.map(async (p) => ({ ...p, current_rate: (await rateInForce(core.db, p.uuid, date)) ?? null })),
      );
    },
    'products.create': (input) => core.products.create(input),
    'products.update': ({ uuid, patch }) => core.products.update(uuid, patch),
    'rates.list': ({ product_uuid }) => core.rates.list(product_uuid),
    'rates.set': (input) => core.rates.set(input),

    async 'collections.quote'({ product_uuid, quantity_milli, collected_at }) {
      const date = localDateOf(collected_at ?? core.ctx.now(), core.ctx.orgTimeZone);
      const rate = await rateInForce(core.db, product_uuid, date);
      if (!rate) return { rate_minor: null, amount_minor: null, date, problem: `No rate in force on ${date}` };
      return {
        rate_minor: rate.rate_minor,
        amount_minor: quantity_milli ? amountMinor(quantity_milli, rate.rate_minor) : null,
        date,
        problem: null,
      };
    },
    'collections.create': (input) => core.collections.create(input),
    'collections.update': ({ uuid, patch }) => core.collections.update(uuid, patch),
    'collections.remove': ({ uuid }) => core.collections.remove(uuid),
    async 'collections.list'(input) {
      if (!input.today) return collectionViews(core, input);
      const day = await today();
      return collectionViews(core, { ...input, from: day.start, to: day.end });
    },

    'payments.create': (input) => core.payments.create(input),
    'payments.update': ({ uuid, patch }) => core.payments.update(uuid, patch),
    'payments.void': (input) => core.payments.void(input),
    async 'payments.list'(input) {
      if (!input.today) return paymentViews(core, input);
      const day = await today();
      return paymentViews(core, { ...input, from: day.start, to: day.end });
    },
    'balances.of': ({ supplier_uuid }) => core.balances.of(supplier_uuid),

    async 'sync.now'() {
      if (!core.auth.current) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      if (!core.serverUrl())
        throw new AppError('VALIDATION_FAILED', 'No server is configured; this desk works on its own');
      await core.engine.sync('manual');
      return core.engine.refreshCounts();
    },
    'sync.status': () => core.engine.refreshCounts(),
    async 'sync.pending'() {
      return (await core.outbox.pending()).map((op) => ({
        op_id: op.op_id,
        entity_type: op.entity_type,
        entity_uuid: op.entity_uuid,
        operation: op.operation,
        created_at: op.created_at,
        attempts: op.attempts,
      }));
    },
    'sync.attention': () => core.outbox.needsAttention(),
    async 'sync.resend'({ op_id, fix }) {
      await core.outbox.resend(op_id, fix ?? {});
      core.engine.trigger('manual');
      return core.engine.refreshCounts();
    },
    async 'sync.discard'(input) {
      await core.outbox.discard(input);
      return core.engine.refreshCounts();
    },
    'sync.log': () => recentSyncLog(core.db),
    'sync.metrics': () => syncMetrics(core.db),
    'setup.status': () => (desk ? desk.status() : noDesk()),
    async 'setup.local'(input) {
      if (!desk) return noDesk();
      await desk.initLocal(input);
      return sessionInfo();
    },
    async 'setup.connect'(input) {
      if (!desk) return noDesk();
      const { mapClashes: map, ...credentials } = input;
      const result = map ? await desk.mapAndConnect(credentials) : await desk.connect(credentials);
      return { ...result, clashes: result.clashes.map(({ server_row: _row, ...c }) => c) };
    },
    async 'setup.demo'() {
      if (!desk) return noDesk();
      await desk.startDemo();
      return sessionInfo();
    },
    async 'setup.leaveDemo'() {
      if (!desk) return noDesk();
      await desk.leaveDemo();
      return { ok: true };
    },
    'conflicts.list': ({ status }) => core.conflicts.list(status),
    'conflicts.openEntities': () => core.conflicts.openEntityUuids(),
    async 'conflicts.resolve'(input) {
      const entity = await core.conflicts.resolve(input);
      core.engine.trigger('manual');
      return entity;
    },
    async 'conflicts.reopen'({ conflict_id }) {
      await core.conflicts.reopen(conflict_id);
      return core.conflicts.list('all');
    },
    'reports.render': ({ spec }) => renderReport(core, spec, reportContext()),
    async 'reports.print'({ spec }) {
      const report = await renderReport(core, spec, reportContext());
      const s = settings.get();
      return printer.print(report.html, {
        paper: s.paperSize,
        ...(s.defaultPrinter ? { deviceName: s.defaultPrinter } : {}),
      });
    },
    async 'reports.savePdf'({ spec }) {
      const report = await renderReport(core, spec, reportContext());
      return printer.savePdf(report.html, { paper: settings.get().paperSize, fileName: `${report.fileName}.pdf` });
    },
    async 'app.network'({ online }) {
      if (online && core.auth.current) core.engine.trigger('online');
      return core.engine.refreshCounts();
    },
    async 'sync.setSelective'({ entity_types }) {
      const next = settings.set({ selectiveSync: entity_types });
      await writeState(core.db, SYNC_KEYS.entityTypes, JSON.stringify(entity_types));
      return next;
    },
  };
}
