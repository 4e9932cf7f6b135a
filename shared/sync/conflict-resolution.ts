import { z } from 'zod';
import { instantField, uuidField } from '../domain/fields';
import { entity, shapeOfEntity, type EntityType } from '../domain/registry';

/**
 * How a supervisor settles a conflict. `apply`: the chosen values become a new version of the row, even when
 * they equal what the server holds, so every desk pulls one agreed version; `close`: the row stays exactly as it
 * is (a kept deletion, or the server's side confirmed) and only the conflict closes.
 */
const RESOLVE_ACTIONS = ['apply', 'close'] as const;
type ResolveAction = (typeof RESOLVE_ACTIONS)[number];

const resolveShape = {
  action: z.enum(RESOLVE_ACTIONS).default('apply'),
  /** Checked per entity type with `resolutionDataSchema` once the conflict is known. */
  data: z.record(z.string(), z.unknown()).default({}),
  base_version: z.number().int('must be a whole number').min(0, 'cannot be negative'),
  /** Extension: the supervisor's note, kept with the conflict. */
  note: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
};

const closeHasNoData: [
  (body: { action: ResolveAction; data: Record<string, unknown> }) => boolean,
  { path: string[]; message: string },
] = [
  (body) => body.action !== 'close' || Object.keys(body.data).length === 0,
  { path: ['data'], message: 'must be empty when closing without changes' },
];

/** POST /api/v1/conflicts/:id/resolve. */
export const ResolveConflictRequestSchema = z.strictObject(resolveShape).refine(...closeHasNoData);
export type ResolveConflictRequest = z.input<typeof ResolveConflictRequestSchema>;

/** The desk's IPC form of the same request: the body and the conflict it settles. */
export const ResolveConflictInputSchema = z
  .strictObject({ conflict_id: uuidField, ...resolveShape })
  .refine(...closeHasNoData);

const DATA_SCHEMAS = new Map<EntityType, z.ZodType<Record<string, unknown>>>();

/**
 * What a resolution may write to a row of this type: the fields a push update may set (field actions such as a
 * void included), each with the registry's own schema, and `deleted_at` (null restores a deleted row). Unknown
 * and computed fields are refused by name.
 */
export function resolutionDataSchema(type: EntityType): z.ZodType<Record<string, unknown>> {
  let schema = DATA_SCHEMAS.get(type);
  if (!schema) {
    const row = entity(type).rowSchema.shape as Record<string, z.ZodType>;
    const fields = Object.fromEntries(shapeOfEntity(type).updatable.map((f) => [f, row[f]!.optional()]));
    schema = z.strictObject({ ...fields, deleted_at: instantField.nullable().optional() });
    DATA_SCHEMAS.set(type, schema);
  }
  return schema;
}
