import { HybridLogicalClock, isValidTimeZone } from '../../../shared';
import { openLocalDb, type LocalDb } from './db/connection';
import { createAuditService } from './domain/audit-service';
import { createBalancesService } from './domain/balances-service';
import { createCollectionsService } from './domain/collections-service';
import type { CoreContext, Session } from './domain/context';
import { createPaymentsService } from './domain/payments-service';
import { createProductsService } from './domain/products-service';
import { createRatesService } from './domain/rates-service';
import { createSuppliersService } from './domain/suppliers-service';

export interface CoreOptions {
  /** SQLite file path (":memory:" for throwaway use). */
  filename: string;
  /** This desk's id; it names the desk's HLC node and its device on the server. */
  deviceId: string;
  orgTimeZone?: string;
  /** Wall clock, injectable so tests can skew a desk. */
  clock?: () => number;
  session?: Session | null;
}

/** The Electron-free core: the shell, the headless client, the test host and the tests all drive this. */
export async function createCore(options: CoreOptions) {
  const orgTimeZone = options.orgTimeZone ?? 'UTC';
  if (!isValidTimeZone(orgTimeZone)) throw new Error(`Unknown time zone: ${orgTimeZone}`);
  const local: LocalDb = await openLocalDb(options.filename);
  const clock = options.clock ?? Date.now;
  let session: Session | null = options.session ?? null;
  const ctx: CoreContext = {
    db: local.db,
    now: () => new Date(clock()).toISOString(),
    hlc: new HybridLogicalClock(options.deviceId.slice(0, 8), clock),
    session: () => session,
    orgTimeZone,
  };
  return {
    ctx,
    db: local.db,
    sqlite: local.sqlite,
    suppliers: createSuppliersService(ctx),
    products: createProductsService(ctx),
    rates: createRatesService(ctx),
    collections: createCollectionsService(ctx),
    payments: createPaymentsService(ctx),
    balances: createBalancesService(ctx),
    audit: createAuditService(ctx),
    setSession(next: Session | null) {
      session = next;
    },
    close: () => local.close(),
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
