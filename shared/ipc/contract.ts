import { z } from 'zod';
import {
  CollectionEntrySchema,
  CollectionPatchSchema,
  CollectionVoidSchema,
  EntityTypeSchema,
  instantField,
  PaymentCreateSchema,
  PaymentPatchSchema,
  PaymentVoidSchema,
  positiveInt,
  ProductCreateSchema,
  ProductPatchSchema,
  ProductRateCreateSchema,
  SupplierCreateSchema,
  SupplierPatchSchema,
  uuidField,
  type CollectionRow,
  type PaymentRow,
  type ProductRateRow,
  type ProductRow,
  type SupplierRow,
} from '../domain';
import { CONFLICT_FILTERS } from '../sync/protocol';
import type { ScaleReading } from '../scale/reading';
import { ReportSpecSchema } from './reports';
import { payRunChannels } from './pay-runs-contract';
import { pricingChannels } from './pricing-contract';
import { serverAddressesField } from '../sync/server-addresses';
import { ClashDecisionSchema, DiscardInputSchema, ResolveInputSchema } from './inputs';
import { SettingsSchema, type Settings } from './settings';
import type {
  AttentionItem,
  CodeClash,
  SetupStatus,
  LocalConflict,
  Balance,
  CollectionView,
  DashboardSummary,
  EntryTerms,
  ScaleNow,
  Page,
  PaymentView,
  PendingOp,
  ProductWithRate,
  Quote,
  SessionInfo,
  SupplierLedger,
  SyncLogEntry,
  SyncMetrics,
  SyncStatus,
} from './types';
import type { Channel, EventMap, EventName } from './channels';

export { SettingsSchema, type Settings } from './settings';
export { CHANNELS, IPC_PREFIX, type Channel, type EventMap, type EventName } from './channels';

/**
 * The IPC contract (docs/architecture.md "Layers"): every channel once — its name, its input schema and its output type. The
 * preload exposes only these names; main registers a handler for each (a missing one is a compile error)
 * and validates every input with the schema before the handler runs.
 */
const def =
  <Out>() =>
  <In extends z.ZodType>(input: In) => ({ input, output: undefined as unknown as Out });

const None = z.strictObject({});
const Credentials = z.strictObject({
  email: z.email({ error: 'must be an email address' }),
  password: z.string().min(1, 'is required'),
});
const ByUuid = z.strictObject({ uuid: uuidField });
const PageInput = { limit: z.number().int().min(1).max(1000).optional(), offset: z.number().int().min(0).optional() };
/** A period, or `today` in the organisation's time zone. */
const Range = { from: instantField.optional(), to: instantField.optional(), today: z.boolean().optional() };

export const contract = {
  'session.info': def<SessionInfo>()(None),
  'session.login': def<SessionInfo>()(Credentials),
  'session.unlock': def<SessionInfo>()(Credentials),
  'session.logout': def<SessionInfo>()(None),
  /** Changes the signed-in user made that are not on the server yet (asked before signing out). */
  'session.unsent': def<{ count: number }>()(None),
  'session.connect': def<{ ok: boolean; message: string }>()(
    z.strictObject({ serverUrl: SettingsSchema.shape.serverUrl }),
  ),

  'setup.status': def<SetupStatus>()(None),
  'setup.local': def<SessionInfo>()(
    z.strictObject({
      name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
      email: z.email({ error: 'must be an email address' }),
      password: z.string().min(8, 'must be at least 8 characters').max(1024, 'is too long'),
    }),
  ),
  'setup.connect': def<{
    status: 'connected' | 'clashes';
    message: string;
    clashes: Omit<CodeClash, 'server_row'>[];
    pushed: number;
    pulled: number;
  }>()(
    z.strictObject({
      serverUrl: serverAddressesField(),
      email: z.email({ error: 'must be an email address' }),
      password: z.string().min(1, 'is required'),
      /** The user's answer to each code clash, after confirming the list; none: only list the clashes. */
      decisions: z.array(ClashDecisionSchema).max(10_000, 'has too many entries').optional(),
    }),
  ),
  'setup.demo': def<SessionInfo>()(None),
  'setup.leaveDemo': def<{ ok: boolean }>()(None),
  'settings.get': def<Settings>()(None),
  'settings.set': def<Settings>()(SettingsSchema.partial()),

  'dashboard.summary': def<DashboardSummary>()(None),

  'suppliers.list': def<Page<SupplierRow>>()(
    z.strictObject({ search: z.string().max(120).optional(), includeInactive: z.boolean().optional(), ...PageInput }),
  ),
  'suppliers.get': def<SupplierRow>()(ByUuid),
  'suppliers.create': def<SupplierRow>()(SupplierCreateSchema),
  'suppliers.update': def<SupplierRow>()(z.strictObject({ uuid: uuidField, patch: SupplierPatchSchema })),
  'suppliers.ledger': def<SupplierLedger>()(z.strictObject({ uuid: uuidField, ...Range })),

  'products.list': def<ProductWithRate[]>()(z.strictObject({ includeInactive: z.boolean().optional() })),
  'products.create': def<ProductRow>()(ProductCreateSchema),
  'products.update': def<ProductRow>()(z.strictObject({ uuid: uuidField, patch: ProductPatchSchema })),
  'rates.list': def<ProductRateRow[]>()(z.strictObject({ product_uuid: uuidField })),
  'rates.set': def<ProductRateRow>()(ProductRateCreateSchema),

  'collections.quote': def<Quote>()(
    z.strictObject({
      product_uuid: uuidField,
      quantity_milli: positiveInt.optional(),
      collected_at: instantField.optional(),
    }),
  ),
  'collections.terms': def<EntryTerms>()(
    z.strictObject({
      product_uuid: uuidField,
      supplier_uuid: uuidField.optional(),
      collected_at: instantField.optional(),
    }),
  ),
  'collections.create': def<CollectionRow>()(CollectionEntrySchema),
  'collections.update': def<CollectionRow>()(z.strictObject({ uuid: uuidField, patch: CollectionPatchSchema })),
  'collections.remove': def<CollectionRow>()(ByUuid),
  'collections.void': def<CollectionRow>()(CollectionVoidSchema),
  'collections.list': def<Page<CollectionView>>()(
    z.strictObject({
      supplier_uuid: uuidField.optional(),
      /** Only weights typed in rather than taken from the scale (a supervisor's check). */
      typedOnly: z.boolean().optional(),
      /** Voided collections too, struck through with their reason. */
      includeVoided: z.boolean().optional(),
      ...Range,
      ...PageInput,
    }),
  ),

  'payments.create': def<PaymentRow>()(PaymentCreateSchema),
  'payments.update': def<PaymentRow>()(z.strictObject({ uuid: uuidField, patch: PaymentPatchSchema })),
  'payments.void': def<PaymentRow>()(PaymentVoidSchema),
  'payments.list': def<Page<PaymentView>>()(
    z.strictObject({
      supplier_uuid: uuidField.optional(),
      includeVoided: z.boolean().optional(),
      ...Range,
      ...PageInput,
    }),
  ),
  'balances.of': def<Balance>()(z.strictObject({ supplier_uuid: uuidField })),

  'sync.now': def<SyncStatus>()(None),
  'sync.status': def<SyncStatus>()(None),
  'sync.pending': def<PendingOp[]>()(None),
  'sync.attention': def<AttentionItem[]>()(None),
  'sync.resend': def<SyncStatus>()(
    z.strictObject({ op_id: uuidField, fix: z.record(z.string(), z.unknown()).optional() }),
  ),
  'sync.discard': def<SyncStatus>()(DiscardInputSchema),
  'sync.log': def<SyncLogEntry[]>()(None),
  'sync.metrics': def<SyncMetrics>()(None),
  'sync.setSelective': def<Settings>()(z.strictObject({ entity_types: z.array(EntityTypeSchema).min(1) })),
  'conflicts.list': def<LocalConflict[]>()(z.strictObject({ status: z.enum(CONFLICT_FILTERS) })),
  'conflicts.openEntities': def<string[]>()(None),
  'conflicts.resolve': def<Record<string, unknown>>()(ResolveInputSchema),
  'conflicts.reopen': def<LocalConflict[]>()(z.strictObject({ conflict_id: uuidField })),
  'reports.render': def<{ title: string; html: string; pages: number; fileName: string }>()(
    z.strictObject({ spec: ReportSpecSchema }),
  ),
  'reports.print': def<{ ok: boolean; message: string }>()(z.strictObject({ spec: ReportSpecSchema })),
  /** Saved where the user chose (desktop), or offered as a download at `download` (the browser host). */
  'reports.savePdf': def<{ ok: boolean; message: string; path?: string; download?: string }>()(
    z.strictObject({ spec: ReportSpecSchema }),
  ),
  /** The renderer reports the network coming and going (a sync trigger). */
  'app.network': def<SyncStatus>()(z.strictObject({ online: z.boolean() })),
  ...payRunChannels,
  ...pricingChannels,
  'scale.ports': def<{ path: string; label: string }[]>()(None),
  'scale.state': def<ScaleNow>()(None),
  /** The steady weight on the scale now, or VALIDATION_FAILED on gross_weight_milli saying why not. */
  'scale.take': def<ScaleReading>()(None),
} as const satisfies Record<Channel, { input: z.ZodType; output: unknown }>;

type Contract = typeof contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C]['output'];

/** What every call answers: errors travel as data, because Electron keeps only the message of a thrown one. */
export type IpcResult<T> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

/** The bridge the preload exposes as window.collectpay (and the test host imitates over a WebSocket). */
export interface Bridge {
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<IpcResult<OutputOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> };
