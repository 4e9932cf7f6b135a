import type { EntityType } from '../domain/registry';
import type { ConflictNotice, ScaleLive, SyncStatus } from './types';
import type { ScaleReading } from '../scale/reading';

/**
 * The names that cross the IPC bridge, and nothing heavier: the preload bundles this file alone (no zod, no schema).
 * shared/ipc/contract.ts gives every channel its input schema and output type; the compiler holds the two lists
 * equal (contract.ts `satisfies` a record over Channel).
 */
export const IPC_PREFIX = 'collectpay:';

export const CHANNELS = [
  'session.info',
  'session.login',
  'session.unlock',
  'session.logout',
  'session.unsent',
  'session.connect',
  'setup.status',
  'setup.local',
  'setup.connect',
  'setup.demo',
  'setup.leaveDemo',
  'settings.get',
  'settings.set',
  'dashboard.summary',
  'suppliers.list',
  'suppliers.get',
  'suppliers.create',
  'suppliers.update',
  'suppliers.ledger',
  'products.list',
  'products.create',
  'products.update',
  'rates.list',
  'rates.set',
  'collections.quote',
  'collections.terms',
  'collections.create',
  'collections.update',
  'collections.remove',
  'collections.void',
  'collections.list',
  'payments.create',
  'payments.update',
  'payments.void',
  'payments.list',
  'balances.of',
  'sync.now',
  'sync.status',
  'sync.pending',
  'sync.attention',
  'sync.resend',
  'sync.discard',
  'sync.log',
  'sync.metrics',
  'sync.setSelective',
  'conflicts.list',
  'conflicts.openEntities',
  'conflicts.resolve',
  'conflicts.reopen',
  'reports.render',
  'reports.print',
  'reports.savePdf',
  'app.network',
  // Pay runs (shared/ipc/pay-runs-contract.ts)
  'charges.list',
  'charges.create',
  'charges.remove',
  'credits.list',
  'credits.create',
  'settlements.list',
  'settlements.show',
  'settlements.ofSupplier',
  'settlements.create',
  'settlements.recompute',
  'settlements.approve',
  'settlements.payoutFile',
  'settlements.importResults',
  'settlements.savePayslips',
  'sync.adjust',
  // Pricing rules, routes and centres (shared/ipc/pricing-contract.ts)
  'pricingRules.list',
  'pricingRules.create',
  'pricingRules.withdraw',
  'routes.list',
  'routes.create',
  'routes.update',
  'centres.list',
  'centres.create',
  'centres.update',
  // The desk's serial scale (app/main/core/scale/desk-scale.ts)
  'scale.ports',
  'scale.state',
  'scale.take',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** A payload type carried by name only: the value is never read, only its type. */
const payload = <T>() => undefined as T;

/** Main → renderer events, core → shell → renderer under the same names. */
const EVENT_PAYLOADS = {
  'sync.status': payload<SyncStatus>(),
  'data.changed': payload<{ source: 'local' | 'sync'; entity_types: EntityType[] }>(),
  'conflicts.new': payload<ConflictNotice>(),
  /** Every weight the desk's scale sends, and its connection state: the entry screen shows them live. */
  'scale.reading': payload<ScaleReading>(),
  'scale.status': payload<ScaleLive>(),
};
export type EventMap = typeof EVENT_PAYLOADS;
export type EventName = keyof EventMap;
export const EVENTS = Object.keys(EVENT_PAYLOADS) as EventName[];
