import { localDateOf, toIsoInstant } from '../../../../shared';
import type { Handlers } from '../../../../shared/ipc/contract';
import type { DashboardSummary } from '../../../../shared/ipc/types';
import { dayTotals } from '../domain/dashboard-service';
import { entryTerms } from '../domain/entry-terms';
import { createLedgerService } from '../domain/ledger-service';
import { quoteCollection, rateInForce } from '../domain/rates-service';
import { collectionViews, paymentViews } from '../views';
import type { HandlerEnv } from './handler-env';

// Dispatch has parsed every input with the channel's schema, which is the service's own: writes take the
// services' `…Parsed` calls, so no input is parsed twice.

/** The dashboard. */
export function dashboardHandlers(env: HandlerEnv) {
  const { core } = env;
  return {
    async 'dashboard.summary'(): Promise<DashboardSummary> {
      const day = env.today();
      return { today: day.date, ...(await dayTotals(core.db, day)), sync: await core.engine.refreshCounts() };
    },
  } satisfies Pick<Handlers, 'dashboard.summary'>;
}

/** Suppliers and their ledgers. */
export function supplierHandlers(env: HandlerEnv) {
  const { core } = env;
  const ledger = createLedgerService(core.ctx);
  return {
    'suppliers.list': (input) => core.suppliers.list(input),
    'suppliers.get': ({ uuid }) => core.suppliers.get(uuid),
    'suppliers.create': (input) => core.suppliers.createParsed(input),
    'suppliers.update': ({ uuid, patch }) => core.suppliers.updateParsed(uuid, patch),
    async 'suppliers.ledger'({ uuid, from, to }) {
      await core.suppliers.get(uuid);
      return ledger.of(uuid, { from: from && toIsoInstant(from), to: to && toIsoInstant(to) });
    },
    'balances.of': ({ supplier_uuid }) => core.balances.of(supplier_uuid),
  } satisfies Pick<
    Handlers,
    'suppliers.list' | 'suppliers.get' | 'suppliers.create' | 'suppliers.update' | 'suppliers.ledger' | 'balances.of'
  >;
}

/** Products and their rates. */
export function productHandlers(env: HandlerEnv) {
  const { core } = env;
  return {
    async 'products.list'({ includeInactive }) {
      const { date } = env.today();
      const products = await core.products.list({ includeInactive });
      return Promise.all(
        products.map(async (p) => ({ ...p, current_rate: (await rateInForce(core.db, p.uuid, date)) ?? null })),
      );
    },
    'products.create': (input) => core.products.createParsed(input),
    'products.update': ({ uuid, patch }) => core.products.updateParsed(uuid, patch),
    'rates.list': ({ product_uuid }) => core.rates.list(product_uuid),
    'rates.set': (input) => core.rates.setParsed(input),
  } satisfies Pick<Handlers, 'products.list' | 'products.create' | 'products.update' | 'rates.list' | 'rates.set'>;
}

/** Collections: the quote the form shows, and the records. */
export function collectionHandlers(env: HandlerEnv) {
  const { core } = env;
  return {
    'collections.quote': ({ product_uuid, quantity_milli, collected_at }) =>
      quoteCollection(
        core.db,
        product_uuid,
        localDateOf(collected_at ?? core.ctx.now(), core.ctx.orgTimeZone),
        quantity_milli,
      ),
    'collections.terms': ({ product_uuid, supplier_uuid, collected_at }) =>
      entryTerms(core.db, {
        product_uuid,
        ...(supplier_uuid ? { supplier_uuid } : {}),
        date: localDateOf(collected_at ?? core.ctx.now(), core.ctx.orgTimeZone),
      }),
    'collections.create': (input) => core.collections.createParsed(input),
    'collections.update': ({ uuid, patch }) => core.collections.updateParsed(uuid, patch),
    'collections.remove': ({ uuid }) => core.collections.remove(uuid),
    'collections.void': (input) => core.collections.voidParsed(input),
    'collections.list': async (input) =>
      collectionViews(core, input.today ? { ...input, from: env.today().start, to: env.today().end } : input),
  } satisfies Pick<
    Handlers,
    | 'collections.quote'
    | 'collections.terms'
    | 'collections.create'
    | 'collections.update'
    | 'collections.remove'
    | 'collections.void'
    | 'collections.list'
  >;
}

/** Payments. */
export function paymentHandlers(env: HandlerEnv) {
  const { core } = env;
  return {
    'payments.create': (input) => core.payments.createParsed(input),
    'payments.update': ({ uuid, patch }) => core.payments.updateParsed(uuid, patch),
    'payments.void': (input) => core.payments.voidParsed(input),
    'payments.list': async (input) =>
      paymentViews(core, input.today ? { ...input, from: env.today().start, to: env.today().end } : input),
  } satisfies Pick<Handlers, 'payments.create' | 'payments.update' | 'payments.void' | 'payments.list'>;
}
