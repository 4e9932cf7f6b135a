import { z } from 'zod';
import { isIsoDate } from '../dates';
import type { FieldErrors } from '../errors';

/** Field-level schemas reused by every entity, each with a message a clerk can act on. */

export const uuidField = z.uuid({ error: 'must be a UUID' });

export const codeField = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(32, 'must be at most 32 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'may contain only letters, digits and . _ / -');

/**
 * The one normalisation of a unique code, the same in both databases: codes are ASCII (codeField), so SQLite's
 * and MariaDB's lower() agree, and each database indexes CODE_KEY_SQL (migration 0020 on both).
 */
export const codeKey = (code: string): string => code.trim().toLowerCase();
export const CODE_KEY_SQL = 'lower(code)';

export const nameField = z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters');

export function textField(max: number) {
  return z.string().trim().max(max, `must be at most ${max} characters`);
}

/** Minor units or thousandths: whole, safe integers. */
export const nonNegativeInt = z
  .number()
  .int('must be a whole number')
  .min(0, 'cannot be negative')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

export const positiveInt = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be greater than zero')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

/** Why a record is voided: a void always says why, for the audit and whoever reads the ledger later. */
export const voidReasonField = z
  .string()
  .trim()
  .min(3, 'must say why (at least 3 characters)')
  .max(500, 'must be at most 500 characters');

export const instantField = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' });

export const dateField = z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD');

export const versionField = z.number().int('must be a whole number').min(0, 'cannot be negative');

/** Columns every synced row carries (docs/protocol.md "Rows on the wire"). */
export const commonRowShape = {
  uuid: uuidField,
  version: versionField,
  created_at: instantField,
  updated_at: instantField,
  deleted_at: instantField.nullable(),
  created_by: z.string().nullable(),
  updated_by: z.string().nullable(),
};

export const COMMON_ROW_FIELDS = Object.keys(commonRowShape) as (keyof typeof commonRowShape)[];

/** What people call the common columns. */
export const COMMON_ROW_LABELS: Record<(typeof COMMON_ROW_FIELDS)[number], string> = {
  uuid: 'Id',
  version: 'Version',
  created_at: 'Created at',
  updated_at: 'Updated at',
  deleted_at: 'Deleted at',
  created_by: 'Created by',
  updated_by: 'Updated by',
};

/** Field specs several entity types share (see entity-kit.ts). */
export const codeSpec = { kind: 'text', label: 'Code', schema: codeField, unique: true } as const;
export const nameSpec = { kind: 'text', label: 'Name', schema: nameField } as const;
export const notesSpec = { kind: 'text', label: 'Notes', schema: textField(1000), create: { default: '' } } as const;
export const activeSpec = {
  kind: 'boolean',
  label: 'Active',
  schema: z.boolean({ error: 'must be true or false' }),
  create: { default: true },
} as const;

/** A superRefine callback from a rule function that answers `{ field: problem }` (shared with patch checks). */
export function refineWith<T>(rules: (value: T) => FieldErrors) {
  return (value: T, ctx: z.RefinementCtx) => {
    for (const [field, message] of Object.entries(rules(value)))
      ctx.addIssue({ code: 'custom', path: [field], message });
  };
}
