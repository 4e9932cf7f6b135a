import { HybridLogicalClock, isValidTimeZone, newId, splitServerAddresses } from '../../../shared';
import { AuthService } from './auth/auth-service';
import { MemorySecretStore, type SecretStore } from './auth/secret-store';
import { openLocalDb, type LocalDb } from './db/connection';
import { createClosedPeriods, forgettingClosedPeriods } from './db/closed-periods';
import { createLocalLog } from './db/local-log';
import { createLocalLookups } from './db/local-lookups';
import { createLocalRows } from './db/local-rows';
import { createAuditService } from './domain/audit-service';
import { createBalancesService } from './domain/balances-service';
import { createCollectionsService } from './domain/collections-service';
import { createConflictsService } from './domain/conflicts-service';
import { createChargesService } from './domain/charges-service';
import { createCreditsService } from './domain/credits-service';
import { createSettlementsService } from './domain/settlements-service';
import { createPeriodAdjustments } from './sync/period-adjustment';
import type { CoreContext, Session } from './domain/context';
import { createPaymentsService } from './domain/payments-service';
import { createProductsService } from './domain/products-service';
import { createPlacesService } from './domain/places-service';
import { createPricingRulesService } from './domain/pricing-rules-service';
import { createRatesService } from './domain/rates-service';
import { createSuppliersService } from './domain/suppliers-service';
import { CoreEvents } from './events';
import type { SyncDeps } from './sync/deps';
import { retryStaleSockets } from './sync/stale-socket-retry';
import { failoverFetch, type FailoverFetch } from './sync/failover-fetch';
import { createConflictsRemote } from './sync/conflicts-remote';
import { HttpClient, type FetchLike } from './sync/http-client';
import { HealthProbe, probeServer } from './sync/health-probe';
import { LiveClient } from './sync/live-client';
import { createOutboxService } from './sync/outbox-service';
import { SyncEngine, type EngineOptions } from './sync/sync-engine';
import { readState, SYNC_KEYS, writeState } from './sync/sync-state';

export interface CoreOptions {
  /** SQLite file path (":memory:" for throwaway use). */
  filename: string;
  /** This desk's id; made once and kept in the database when not given. */
  deviceId?: string;
  /**
   * The zone of a desk never connected to a server (the host's choice: the computer's, or UTC). Once a server has
   * said the office's zone, that one is stored and used instead, also offline and after a restart.
   */
  orgTimeZone?: string;
  /** Wall clock, injectable so tests can skew a desk. */
  clock?: () => number;
  session?: Session | null;
  /** Token storage: safeStorage in the shell, a 0600 file for the CLI; memory by default. */
  secrets?: SecretStore;
  /** The office server; remembered in the database once set. */
  serverUrl?: string;
  fetch?: FetchLike;
  /** Send a request again when it died on a reused keep-alive socket (default true; a fault test turns it off). */
  retryStaleSockets?: boolean;
  engine?: EngineOptions;
}

/** The Electron-free core: the shell, the headless client, the test host and the tests all drive this. */
export async function createCore(options: CoreOptions) {
  const defaultTimeZone = options.orgTimeZone ?? 'UTC';
  if (!isValidTimeZone(defaultTimeZone)) throw new Error(`Unknown time zone: ${defaultTimeZone}`);
  const local: LocalDb = await openLocalDb(options.filename);
  const { db } = local;
  // A stored zone this computer's Intl does not know (older ICU) is passed over rather than failing every date.
  const stored = await readState(db, SYNC_KEYS.officeTimeZone);
  let officeTimeZone = stored && isValidTimeZone(stored) ? stored : null;
  let officeCurrency = (await readState(db, SYNC_KEYS.officeCurrency)) ?? null;
  const deviceId = options.deviceId ?? (await readState(db, SYNC_KEYS.deviceId)) ?? newId();
  await writeState(db, SYNC_KEYS.deviceId, deviceId);
  if (options.serverUrl) await writeState(db, SYNC_KEYS.serverUrl, options.serverUrl);

  const clock = options.clock ?? Date.now;
  const events = new CoreEvents();
  let session: Session | null = options.session ?? null;
  const closedPeriods = createClosedPeriods(local.sqlite);
  const rows = forgettingClosedPeriods(createLocalRows(local.sqlite), closedPeriods);
  const announceLocalWrite = () => {
    events.emit('local-write', undefined);
    events.emit('data.changed', { source: 'local', entity_types: [] });
  };
  const ctx: CoreContext = {
    db,
    rows,
    log: createLocalLog(local.sqlite),
    lookups: createLocalLookups(local.sqlite),
    closedPeriods,
    now: () => new Date(clock()).toISOString(),
    hlc: new HybridLogicalClock(deviceId.replace(/-/g, '').slice(-12), clock),
    session: () => session,
    get orgTimeZone() {
      return officeTimeZone ?? defaultTimeZone;
    },
    async write(work) {
      const result = await db.transaction().execute(work);
      announceLocalWrite();
      return result;
    },
    async writeNow(work) {
      // The connection's turn keeps every Kysely transaction out until this one has committed.
      const result = await local.transact(work);
      announceLocalWrite();
      return result;
    },
  };

  let http: HttpClient | null = null;
  let transport: FailoverFetch | null = null;
  let serverUrl = (await readState(db, SYNC_KEYS.serverUrl)) ?? null;
  const client = () => {
    if (!serverUrl) return null;
    if (!http) {
      // The setting may name several addresses: requests fail over between them.
      const addresses = splitServerAddresses(serverUrl);
      // A request cut by a keep-alive socket the server had closed is sent again before failing over.
      const send: FetchLike = (input, init) => (options.fetch ?? fetch)(input, init);
      transport = failoverFetch(addresses, options.retryStaleSockets === false ? send : retryStaleSockets(send));
      http = new HttpClient(addresses[0]!, transport, 30_000, clock);
    }
    return http;
  };
  const auth = new AuthService(
    db,
    client,
    options.secrets ?? new MemorySecretStore(),
    deviceId,
    (next) => {
      session = next;
    },
    async (office) => {
      if (office.time_zone !== officeTimeZone) {
        await writeState(db, SYNC_KEYS.officeTimeZone, office.time_zone);
        officeTimeZone = office.time_zone;
      }
      if (office.currency && office.currency !== officeCurrency) {
        await writeState(db, SYNC_KEYS.officeCurrency, office.currency);
        officeCurrency = office.currency;
      }
    },
  );
  const deps: SyncDeps = {
    db,
    rows,
    sqlite: local.sqlite,
    transact: local.transact,
    transactReplayable: local.transactReplayable,
    get http() {
      const c = client();
      if (!c) throw new Error('No server is configured');
      return c;
    },
    auth,
    deviceId,
    events,
    now: ctx.now,
    async canSync() {
      const mode = await readState(db, SYNC_KEYS.mode);
      return Boolean(serverUrl && auth.current && mode !== 'local' && mode !== 'connecting');
    },
  };
  const engine = new SyncEngine(deps, options.engine);
  let live: LiveClient | null = null;
  let probe: HealthProbe | null = null;

  return {
    ctx,
    db,
    sqlite: local.sqlite,
    /** Synchronous work as one transaction in the connection's turn, announcing nothing (ctx.writeNow does). */
    transact: local.transact,
    /** The same, committing without an fsync: only for work redone unchanged if lost (a push answer). */
    transactReplayable: local.transactReplayable,
    events,
    deviceId,
    auth,
    engine,
    suppliers: createSuppliersService(ctx),
    products: createProductsService(ctx),
    rates: createRatesService(ctx),
    pricingRules: createPricingRulesService(ctx),
    routes: createPlacesService(ctx, 'routes'),
    centres: createPlacesService(ctx, 'centres'),
    collections: createCollectionsService(ctx),
    payments: createPaymentsService(ctx),
    balances: createBalancesService(ctx),
    audit: createAuditService(ctx),
    outbox: createOutboxService(ctx),
    conflicts: createConflictsService(ctx, auth, createConflictsRemote(auth, client)),
    charges: createChargesService(ctx),
    credits: createCreditsService(ctx),
    settlements: createSettlementsService(ctx, auth, client),
    adjustments: createPeriodAdjustments(ctx),
    setSession(next: Session | null) {
      session = next;
    },
    serverUrl: () => serverUrl,
    /** The currency the office's server said, or null (never connected, or a server without ORG_CURRENCY). */
    officeCurrency: () => officeCurrency,
    httpClient: client,
    async setServerUrl(url: string) {
      serverUrl = url;
      http = null;
      transport = null;
      await writeState(db, SYNC_KEYS.serverUrl, url);
    },
    /**
     * Connects the live channel: each announced change triggers a pull. While it is down, a health probe tells
     * the status bar within seconds whether the server is gone, and syncs when it is back.
     */
    startLive() {
      const c = client();
      if (!c || live) return;
      probe = new HealthProbe({
        check: () => probeServer(c.url('api/v1/health'), transport ?? options.fetch),
        onChange: (reachability) => {
          if (reachability.ok) engine.trigger('online');
          else engine.noteUnreachable(reachability.message);
        },
      });
      live = new LiveClient({
        url: c.url('api/v1/sync/live'),
        token: () => auth.accessToken(),
        onChanges: () => engine.trigger('live'),
        // A sync ends by mirroring the conflicts: it emits the new one and the status bar counts it.
        onConflict: () => engine.trigger('live'),
        onState: (connected) => (connected ? probe?.stop() : probe?.start()),
        fetch: transport ?? options.fetch,
      });
      live.start();
      probe.start();
    },
    stopLive() {
      live?.stop();
      live = null;
      probe?.stop();
      probe = null;
    },
    async close() {
      probe?.stop();
      live?.stop();
      engine.stop();
      await local.close();
    },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
