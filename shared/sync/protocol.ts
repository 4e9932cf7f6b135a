import { z } from 'zod';
import { OPERATIONS, type Resolution } from '../domain/entity-kit';
import { uuidField } from '../domain/fields';
import { EntityTypeSchema, type EntityType } from '../domain/registry';
import { RoleSchema } from '../domain/roles';

/** Wire types of PROTOCOL.md v1. The server validates requests with these; clients build them. */

export const PROTOCOL_VERSION = 1;
export const MAX_PUSH_BATCH = 100;
export const DEFAULT_PULL_LIMIT = 100;
export const MAX_PULL_LIMIT = 1000;

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
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const RefreshRequestSchema = z.strictObject({ refresh_token: z.string().min(1, 'is required').max(512) });
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const AuthUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: RoleSchema });
export type AuthUser = z.infer<typeof AuthUserSchema>;

export const TokenResponseSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number(),
  user: AuthUserSchema,
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

export const PushRequestSchema = z.object({
  device_id: uuidField,
  batch: z.array(z.unknown()),
});
export type PushRequest = { device_id: string; batch: PushOp[] };

export const CONFLICT_TYPES = ['version', 'concurrent', 'timestamp', 'deleted'] as const;
export type ConflictType = (typeof CONFLICT_TYPES)[number];

export type WireRow = Record<string, unknown> & { uuid: string; version: number };

export interface PushSuccess {
  op_id?: string;
  entity_type: EntityType;
  uuid: string;
  entity: WireRow;
  merged: boolean;
  message?: string;
}

export interface PushConflict {
  op_id?: string;
  entity_type: EntityType;
  uuid: string;
  conflict_id: string;
  type: ConflictType;
  client_version: number | null;
  server_version: number;
  client_data: Record<string, unknown>;
  server_data: WireRow;
  resolution: Resolution;
  entity: WireRow;
  message: string;
}

export interface PushErrorItem {
  op_id?: string;
  entity_type?: string;
  uuid?: string;
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
}

/**
 * The seqs one push batch took (under the one sequence lock, so no other write has a seq in between). Every row
 * written there is in that batch's answer, so the desk that sent it can ask its next pull to leave them out.
 */
export const SeqRangeSchema = z
  .strictObject({
    from: z.number().int('must be a whole number').min(1, 'must be at least 1'),
    to: z.number().int('must be a whole number').min(1, 'must be at least 1'),
  })
  .refine((r) => r.to >= r.from, { message: 'must not end before it starts', path: ['to'] });
export type SeqRange = z.infer<typeof SeqRangeSchema>;

/** At most this many ranges in one pull request (a desk sends the latest ones; older rows are simply pulled). */
export const MAX_SKIP_RANGES = 500;

export interface PushResponse {
  results: { success: PushSuccess[]; conflicts: PushConflict[]; errors: PushErrorItem[] };
  /** Absent when the batch wrote nothing new (every op refused, unchanged or replayed). */
  written_seqs?: SeqRange;
  server_time: string;
}

// --- Pull ---
export const PullRequestSchema = z.strictObject({
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
});
export type PullRequest = z.infer<typeof PullRequestSchema>;

export interface PullResponse {
  changes: Partial<Record<EntityType, WireRow[]>>;
  cursor: string;
  has_more: boolean;
  server_time: string;
}

// --- Conflicts ---
export const CONFLICT_STATUSES = ['open', 'auto', 'resolved'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

export interface ConflictRecord {
  conflict_id: string;
  entity_type: EntityType;
  uuid: string;
  type: ConflictType;
  resolution: Resolution;
  status: ConflictStatus;
  client_data: Record<string, unknown>;
  server_data: WireRow;
  device_id: string;
  user_id: string;
  created_at: string;
  resolved_by?: string | null;
  resolved_at?: string | null;
  /** Extension: the values the conflict was closed with, and the supervisor's note. */
  resolved_data?: Record<string, unknown> | null;
  note?: string | null;
  /** Extension: the resolving supervisor's name, for "resolved by … at …". */
  resolved_by_name?: string | null;
}

// --- Live ---
/**
 * What the live channel says: "changes up to N" (pull now), or that a conflict was stored or settled (a
 * manual conflict changes no row, so no cursor would tell of it): look at the conflicts now.
 */
export type LiveMessage = { type: 'changes'; cursor: string } | { type: 'conflict'; conflict_id: string };

// --- Health ---
export interface HealthResponse {
  /** `draining`: this instance is shutting down; a load balancer (or a desk) should use another one. */
  status: 'ok' | 'down' | 'draining';
  db: 'ok' | 'down';
}
