import { z } from 'zod';
import { isValidTimeZone } from '../dates';
import { isKnownCurrency } from '../money/currency-codes';
import { OPERATIONS, RESOLUTIONS } from '../domain/entity-kit';
import { uuidField } from '../domain/fields';
import { EntityTypeSchema } from '../domain/registry';
import { RoleSchema } from '../domain/roles';

/**
 * The wire types of protocol v1 (docs/protocol.md): a request schema and a response schema for every route. The
 * server parses each request with these; the desk parses each answer with these (shared/sync/routes.ts pairs them).
 */

/** The protocol this code speaks; both sides send it in the X-Protocol-Version header and check the other's. */
export const PROTOCOL_VERSION = 1;
/** The oldest desk protocol this server still serves, and the oldest server protocol this desk can use. */
export const MIN_CLIENT_PROTOCOL_VERSION = 1;
export const MIN_SERVER_PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-protocol-version';
/**
 * Ops one push may hold. Servers before this limit was raised took at most FIRST_MAX_PUSH_BATCH: a desk told
 * BATCH_TOO_LARGE sends batches of that size to that server from then on (docs/protocol.md, "Push").
 */
export const MAX_PUSH_BATCH = 500;
export const FIRST_MAX_PUSH_BATCH = 100;
export const DEFAULT_PULL_LIMIT = 100;
export const MAX_PULL_LIMIT = 1000;
/** A desk catching up (`catch_up: true`) may ask for pages this large: fewer round trips and transactions. */
export const MAX_CATCH_UP_LIMIT = 5000;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// --- Auth ---
export const LoginRequestSchema = z.strictObject({
  email: z.email({ error: 'must be an email address' }).max(254),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
  device_id: uuidField,
  device_name: z.string().trim().max(120, 'must be at most 120 characters').optional(),
});

export const RefreshRequestSchema = z.strictObject({ refresh_token: z.string().min(1, 'is required').max(512) });

const AuthUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: RoleSchema });
export type AuthUser = z.infer<typeof AuthUserSchema>;

/**
 * What every desk of the office must agree on, sent with each sign-in and refresh: the office's clock (daily
 * totals, "today", closed periods and printed times). Optional on the wire: a server from before it sends none,
 * and the desk keeps its own default.
 */
const OfficeSchema = z.object({
  time_zone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Africa/Nairobi'),
  /** Sent when the server has one (ORG_CURRENCY): amounts are minor units of it on every desk. */
  currency: z.string().refine(isKnownCurrency, 'must be a currency code such as KES').optional(),
});
export type Office = z.infer<typeof OfficeSchema>;

export const TokenResponseSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number(),
  user: AuthUserSchema,
  office: OfficeSchema.optional(),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

// --- Push ---
/** The envelope of one op; `data` is checked per entity type and operation by the server. */
export const PushOpSchema = z.object({
  op_id: uuidField.optional(),
  entity_type: EntityTypeSchema,
  operation: z.enum(OPERATIONS),
  data: z.record(z.string(), z.unknown()),
  changed_fields: z.array(z.string()).max(64).optional(),
  client_timestamp: z.string().max(120).optional(),
});
export type PushOp = z.infer<typeof PushOpSchema>;

/**
 * How a success names the row it wrote: `rows` (the default) the whole row (`entity`); `changes` only the values
 * that differ from what the op sent, with its uuid and version (`changes`), which the desk lays over the data it
 * sent. A push of new records is answered in a fraction of the bytes (docs/protocol.md, "Push").
 */
export const PUSH_ANSWER_FORMS = ['rows', 'changes'] as const;

export const PushRequestSchema = z.object({
  device_id: uuidField,
  batch: z.array(z.unknown()),
  answer: z.enum(PUSH_ANSWER_FORMS).optional(),
});

const CONFLICT_TYPES = ['version', 'concurrent', 'timestamp', 'deleted'] as const;
export type ConflictType = (typeof CONFLICT_TYPES)[number];

/** A record as it travels: every column of its entity type (kept whole), at least a uuid and a version. */
export type WireRow = { uuid: string; version: number } & Record<string, unknown>;

function isWireRow(value: unknown): value is WireRow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const row = value as Record<string, unknown>;
  return typeof row.uuid === 'string' && Number.isSafeInteger(row.version);
}

/**
 * The same check as a loose object of { uuid: string, version: int }, but the row is kept, not copied key by key:
 * a pulled page holds thousands of rows, and the copy cost most of the answer's parse (wire-row.test.ts).
 */
const WireRowSchema = z.custom<WireRow>(isWireRow, 'must be a row with a text uuid and a whole-number version');

const DataSchema = z.record(z.string(), z.unknown());

/**
 * In an answer, entity_type is informational: a desk files the row under the type of the op it sent, never under a
 * name taken from the answer, so an answer naming something else still parses (and changes no other table).
 */
const answeredEntityType = z.string();

const PushSuccessSchema = z
  .object({
    op_id: z.string().optional(),
    entity_type: answeredEntityType,
    uuid: z.string(),
    /** The row as the server now has it (answer form `rows`, and every answer of a server from before `changes`). */
    entity: WireRowSchema.optional(),
    /** Answer form `changes`: the row's uuid, version and every value that differs from the op's data. */
    changes: WireRowSchema.optional(),
    merged: z.boolean(),
    message: z.string().optional(),
  })
  .refine((item) => item.entity !== undefined || item.changes !== undefined, {
    message: 'must carry the row (entity) or its changes',
    path: ['entity'],
  });
export type PushSuccess = z.infer<typeof PushSuccessSchema>;

const PushConflictSchema = z.object({
  op_id: z.string().optional(),
  entity_type: answeredEntityType,
  uuid: z.string(),
  conflict_id: z.string(),
  type: z.enum(CONFLICT_TYPES),
  client_version: z.number().int().nullable(),
  server_version: z.number().int(),
  client_data: DataSchema,
  server_data: WireRowSchema,
  resolution: z.enum(RESOLUTIONS),
  entity: WireRowSchema,
  message: z.string(),
});
export type PushConflict = z.infer<typeof PushConflictSchema>;

const PushErrorItemSchema = z.object({
  op_id: z.string().optional(),
  entity_type: z.string().optional(),
  uuid: z.string().optional(),
  status: z.number().int(),
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});
export type PushErrorItem = z.infer<typeof PushErrorItemSchema>;

/**
 * The seqs one push batch took (under the one sequence lock, so no other write has a seq in between). Every row
 * written there is in that batch's answer, so the desk that sent it can ask its next pull to leave them out.
 */
const SeqRangeSchema = z
  .strictObject({
    from: z.number().int('must be a whole number').min(1, 'must be at least 1'),
    to: z.number().int('must be a whole number').min(1, 'must be at least 1'),
  })
  .refine((r) => r.to >= r.from, { message: 'must not end before it starts', path: ['to'] });
export type SeqRange = z.infer<typeof SeqRangeSchema>;

/** At most this many ranges in one pull request (a desk sends the latest ones; older rows are simply pulled). */
export const MAX_SKIP_RANGES = 500;

export const PushResponseSchema = z.object({
  results: z.object({
    success: z.array(PushSuccessSchema),
    conflicts: z.array(PushConflictSchema),
    errors: z.array(PushErrorItemSchema),
  }),
  /** Absent when the batch wrote nothing new (every op refused, unchanged or replayed). */
  written_seqs: SeqRangeSchema.optional(),
  server_time: z.string(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

// --- Pull ---
/** The most rows one pull page may hold: 1,000, or 5,000 for a desk catching up. */
const pullLimitCap = (catchUp: boolean | undefined): number => (catchUp ? MAX_CATCH_UP_LIMIT : MAX_PULL_LIMIT);

const PullRequestFieldsSchema = z.strictObject({
  device_id: uuidField,
  cursor: z
    .string()
    .max(64)
    .regex(/^\d+$/, 'must be a cursor returned by a previous pull')
    .refine((c) => Number.isSafeInteger(Number(c)), 'must be a cursor returned by a previous pull')
    .optional(),
  last_sync_at: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' }).optional(),
  entity_types: z.array(EntityTypeSchema).max(16).optional(),
  limit: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
  /** Seqs this desk already holds from its own push answers (PushResponse.written_seqs): not sent again. */
  skip_seqs: z.array(SeqRangeSchema).max(MAX_SKIP_RANGES, `must hold at most ${MAX_SKIP_RANGES} ranges`).optional(),
  /** The desk is catching up (its last page was full): the limit may go up to MAX_CATCH_UP_LIMIT. */
  catch_up: z.boolean().optional(),
});

/**
 * A pull request as the server serves it: `limit` defaulted and held to its cap here, in the one schema, so a
 * larger one is served as the cap (docs/protocol.md "Pull") rather than trimmed somewhere out of sight.
 */
export const PullRequestSchema = PullRequestFieldsSchema.transform((request) => ({
  ...request,
  limit: Math.min(request.limit ?? DEFAULT_PULL_LIMIT, pullLimitCap(request.catch_up)),
}));
export type PullRequest = z.infer<typeof PullRequestSchema>;

export const PullResponseSchema = z.object({
  changes: z.partialRecord(EntityTypeSchema, z.array(WireRowSchema)),
  cursor: z.string(),
  has_more: z.boolean(),
  server_time: z.string(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

// --- Conflicts ---
export const CONFLICT_STATUSES = ['open', 'auto', 'resolved'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];
/** What a conflict list may ask for: one status, or all. */
export const CONFLICT_FILTERS = [...CONFLICT_STATUSES, 'all'] as const;
export type ConflictFilter = (typeof CONFLICT_FILTERS)[number];

const ConflictStatusSchema = z.enum(CONFLICT_STATUSES);

const ConflictRecordSchema = z.object({
  conflict_id: z.string(),
  entity_type: EntityTypeSchema,
  uuid: z.string(),
  type: z.enum(CONFLICT_TYPES),
  resolution: z.enum(RESOLUTIONS),
  status: ConflictStatusSchema,
  client_data: DataSchema,
  server_data: WireRowSchema,
  device_id: z.string(),
  user_id: z.string(),
  created_at: z.string(),
  resolved_by: z.string().nullish(),
  resolved_at: z.string().nullish(),
  /** Extension: the values the conflict was closed with, and the supervisor's note. */
  resolved_data: DataSchema.nullish(),
  note: z.string().nullish(),
  /** Extension: the resolving supervisor's name, for "resolved by … at …". */
  resolved_by_name: z.string().nullish(),
});
export type ConflictRecord = z.infer<typeof ConflictRecordSchema>;

export const ConflictListQuerySchema = z.object({ status: z.string().optional() });
export const ConflictListSchema = z.object({ conflicts: z.array(ConflictRecordSchema) });
/** Extension: the statuses of a desk's own conflicts. */
export const ConflictStatusRequestSchema = z.object({ ids: z.array(uuidField).max(500) });

export const ResolveConflictResponseSchema = z.object({ entity: WireRowSchema });
/** Extension: a resolved conflict opened again. */
export const ReopenConflictResponseSchema = z.object({ conflict: ConflictRecordSchema });

// --- Live ---
/**
 * What the live channel says: "changes up to N" (pull now), or that a conflict was stored or settled (a
 * manual conflict changes no row, so no cursor would tell of it): look at the conflicts now.
 */
export const LiveMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('changes'), cursor: z.string() }),
  z.object({ type: z.literal('conflict'), conflict_id: z.string() }),
]);
export type LiveMessage = z.infer<typeof LiveMessageSchema>;

// --- Settlement runs (extension) ---
/** A run and its live lines as desks store them (read-only rows); a recompute also returns the lines it replaced. */
export const SettlementRunAnswerSchema = z.object({
  run: WireRowSchema,
  lines: z.array(WireRowSchema),
  removed: z.array(WireRowSchema).optional(),
});
export type SettlementRunAnswer = z.infer<typeof SettlementRunAnswerSchema>;
export const SettlementRunListSchema = z.object({ runs: z.array(WireRowSchema) });

// --- Health ---
export const HealthResponseSchema = z.object({
  /** `draining`: this instance is shutting down; a load balancer (or a desk) should use another one. */
  status: z.enum(['ok', 'down', 'draining']),
  db: z.enum(['ok', 'down']),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/** Routes that answer nothing (204) or take no body. */
export const NoContentSchema = z.undefined();
export const EmptyRequestSchema = z.object({});
