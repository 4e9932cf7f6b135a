import { z } from 'zod';
import {
  entity,
  ENTITY_TYPES,
  fieldErrorsOf,
  instantField,
  parseHlc,
  shapeOfEntity,
  toIsoInstant,
  uuidField,
  versionField,
  type EntityType,
  type PushOp,
} from '../../../../shared';
import { invalid, type Refusal, type Values } from './env';

/**
 * The `data` of a push op, per entity type and operation, built from the registry's schemas the desk validates
 * with. Wire data may carry extra columns (a client's full row): unknown keys are dropped, not fatal.
 */
const wireCommon = { uuid: uuidField, version: versionField.optional(), updated_at: instantField.optional() };

type DataSchema = z.ZodType<Values>;

function schemasOf(type: EntityType): { create: DataSchema; update: DataSchema } {
  const spec = entity(type);
  const { updatable } = shapeOfEntity(type);
  const rowShape = spec.rowSchema.shape as Record<string, z.ZodType>;
  const update = Object.fromEntries(updatable.map((f) => [f, rowShape[f]!.optional()]));
  return {
    create: z.object({ ...spec.createSchema.shape, ...wireCommon }),
    update: z.object({ ...update, ...wireCommon }),
  };
}

const SCHEMAS = Object.fromEntries(ENTITY_TYPES.map((type) => [type, schemasOf(type)])) as Record<
  EntityType,
  { create: DataSchema; update: DataSchema }
>;
const DELETE_SCHEMA = z.object(wireCommon);

export type Parsed<T> = { ok: true; data: T } | { ok: false; refusal: Refusal };
export type ParsedData = Parsed<Values & { uuid: string; version?: number; updated_at?: string }>;

/** The schema an op's data is held to: its type's create or update schema, or the delete schema. */
export function dataSchemaOf(op: Pick<PushOp, 'entity_type' | 'operation'>): DataSchema {
  return op.operation === 'delete'
    ? DELETE_SCHEMA
    : SCHEMAS[op.entity_type][op.operation === 'create' ? 'create' : 'update'];
}

/**
 * Each data schema compiled by zod (`z.compile`): a generated check that builds the same output as the schema's
 * parse, falling back to the schema itself for anything it does not accept, so a refused op gets the schema's own
 * issues and messages. Compiled on first use.
 */
const compiled = new Map<DataSchema, DataSchema>();

function compiledOf(schema: DataSchema): DataSchema {
  let fast = compiled.get(schema);
  if (!fast) compiled.set(schema, (fast = z.compile(schema)));
  return fast;
}

/** The op's data checked against its type's create or update schema, or the fields that are wrong. */
export function parseData(op: PushOp): ParsedData {
  const parsed = compiledOf(dataSchemaOf(op)).safeParse(op.data);
  if (parsed.success) return { ok: true, data: parsed.data as Values & { uuid: string } };
  const fields = fieldErrorsOf(parsed.error, op.data);
  const message =
    op.operation === 'delete' ? 'Invalid delete' : `Invalid ${op.entity_type} data: ${Object.keys(fields).join(', ')}`;
  return { ok: false, refusal: invalid(fields, message) };
}

export function checkClientTimestamp(op: PushOp): Refusal | null {
  if (op.client_timestamp === undefined || parseHlc(op.client_timestamp)) return null;
  return invalid(
    { client_timestamp: 'must look like 2026-11-20T07:45:03.120Z-0003-node' },
    'client_timestamp is not a hybrid logical clock stamp',
  );
}

/** changed_fields may name only fields an update may set, each carried in data. */
export function checkChangedFields(op: PushOp, data: Values): Refusal | null {
  if (!op.changed_fields) return null;
  const allowed = shapeOfEntity(op.entity_type).updatable;
  const unknown = op.changed_fields.filter((f) => !allowed.includes(f));
  if (unknown.length)
    return invalid(
      { changed_fields: `cannot update: ${unknown.join(', ')}` },
      'changed_fields names fields that cannot be updated',
    );
  const absent = op.changed_fields.filter((f) => !(f in data));
  if (absent.length)
    return invalid(
      { changed_fields: `not in data: ${absent.join(', ')}` },
      'changed_fields names fields that data does not carry',
    );
  return null;
}

/** The given fields of data (present and defined), instants normalised to ISO-8601 UTC. */
export function valuesOf(type: EntityType, data: Values, fields: readonly string[]): Values {
  const instants = shapeOfEntity(type).instants;
  const out: Values = {};
  for (const f of fields) {
    if (!(f in data) || data[f] === undefined) continue;
    const v = data[f];
    out[f] = instants.includes(f) && typeof v === 'string' ? toIsoInstant(v) : v;
  }
  return out;
}
