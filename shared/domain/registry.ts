import { z } from 'zod';
import { AppError } from '../errors';
import { centres } from './entities/centres';
import { collections } from './entities/collections';
import { payments } from './entities/payments';
import { pricingRules } from './entities/pricing-rules';
import { productRates } from './entities/product-rates';
import { products } from './entities/products';
import { routes } from './entities/routes';
import { suppliers } from './entities/suppliers';
import { charges } from './entities/charges';
import { supplierCredits } from './entities/supplier-credits';
import { settlementRuns } from './entities/settlement-runs';
import { settlementLines } from './entities/settlement-lines';
import { isPatchable, type EntitySpec, type FieldKind, type FieldSpec, type Resolution } from './entity-kit';
import { COMMON_ROW_FIELDS, COMMON_ROW_LABELS, commonRowShape } from './fields';

/**
 * The one place that knows the synced entity types. Everything else — table types on both databases, row
 * codecs, push validation, permissions, conflict policy, pull order — is derived from these entries. Adding an
 * entity type is one entry here (a file in `entities/`) and one migration per database (docs/architecture.md).
 *
 * In dependency order: a type refers only to types before it (a rate needs its product, a collection its
 * supplier), so pulled pages and pushed batches apply in this order.
 */
export const ENTITIES = {
  routes,
  centres,
  suppliers,
  products,
  product_rates: productRates,
  pricing_rules: pricingRules,
  collections,
  payments,
  charges,
  supplier_credits: supplierCredits,
  settlement_runs: settlementRuns,
  settlement_lines: settlementLines,
} as const;

export type Registry = typeof ENTITIES;
export type EntityType = keyof Registry;
export const ENTITY_TYPES = Object.keys(ENTITIES) as readonly EntityType[];
export const EntityTypeSchema = z.enum(ENTITY_TYPES as [EntityType, ...EntityType[]]);

export type EntityRow<T extends EntityType> = z.infer<Registry[T]['rowSchema']>;
export type EntityRows = { [T in EntityType]: EntityRow<T> };

export function entity<T extends EntityType>(type: T): Registry[T] {
  return ENTITIES[type];
}

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && Object.hasOwn(ENTITIES, value);
}

/** An entity type named from outside (the wire, a stored row), checked before it may name a table. */
export function entityTypeOf(value: unknown): EntityType {
  if (isEntityType(value)) return value;
  throw new AppError('VALIDATION_FAILED', `"${String(value)}" is not an entity type`, {
    entity_type: `must be one of: ${ENTITY_TYPES.join(', ')}`,
  });
}

/** What each side needs to know about a type's columns, worked out once from its entry. */
export interface EntityShape {
  /** Every column of the row in wire order: the common sync columns, then the business fields. */
  columns: readonly string[];
  fields: readonly string[];
  /** Columns holding instants (DATETIME(3) on the server). */
  instants: readonly string[];
  /** Columns stored as 0/1. */
  booleans: readonly string[];
  /** Columns that may hold null (a payment's void until it is voided; a live row's deleted_at). */
  nullable: readonly string[];
  /** Reference fields and the type each points at. */
  refs: readonly { field: string; target: EntityType }[];
  /** Fields unique among live rows (codes). */
  unique: readonly string[];
  /** Fields a user's edit may change: what a conflict offers a supervisor to choose between. */
  patchable: readonly string[];
  /** Fields a push update may set: the patchable ones and those of field actions (a void). */
  updatable: readonly string[];
}

const COMMON_INSTANTS = ['created_at', 'updated_at', 'deleted_at'];

function shapeOf(spec: EntitySpec): EntityShape {
  const fields = Object.entries(spec.fields) as [string, FieldSpec][];
  const names = (pick: (f: FieldSpec) => boolean) => fields.filter(([, f]) => pick(f)).map(([name]) => name);
  const ofKind = (kind: FieldKind) => names((f) => f.kind === kind);
  const patchable = names(isPatchable);
  const actionFields = Object.values(spec.access.fieldActions ?? {}).flatMap((a) => a.fields);
  return {
    columns: [...COMMON_ROW_FIELDS, ...fields.map(([name]) => name)],
    fields: fields.map(([name]) => name),
    instants: [...COMMON_INSTANTS, ...ofKind('instant')],
    booleans: ofKind('boolean'),
    nullable: Object.entries({ ...commonRowShape, ...Object.fromEntries(fields.map(([n, f]) => [n, f.schema])) })
      .filter(([, schema]) => schema.safeParse(null).success)
      .map(([name]) => name),
    refs: fields.flatMap(([field, f]) => (f.kind === 'ref' ? [{ field, target: entityTypeOf(f.ref) }] : [])),
    unique: names((f) => f.unique === true),
    patchable,
    updatable: [...patchable, ...actionFields.filter((f) => !patchable.includes(f))],
  };
}

const SHAPES = Object.fromEntries(ENTITY_TYPES.map((type) => [type, shapeOf(ENTITIES[type])])) as Record<
  EntityType,
  EntityShape
>;

export function shapeOfEntity(type: EntityType): EntityShape {
  return SHAPES[type];
}

/** Every field name that refers to another entity, over all types (an op waits for the records it names). */
export const REFERENCE_FIELDS: readonly string[] = [
  ...new Set(ENTITY_TYPES.flatMap((type) => SHAPES[type].refs.map((r) => r.field))),
];

/** The fields of other types that refer to this one (a collection's supplier_uuid refers to a supplier). */
export function referrersOf(target: EntityType): { type: EntityType; field: string }[] {
  return ENTITY_TYPES.flatMap((type) =>
    SHAPES[type].refs.filter((r) => r.target === target).map((r) => ({ type, field: r.field })),
  );
}

/** The conflict policy of each type unless the server is configured otherwise. */
export const DEFAULT_POLICY = Object.fromEntries(
  ENTITY_TYPES.map((type) => [type, ENTITIES[type].conflictPolicy]),
) as Record<EntityType, Resolution>;

/** What people call a column of this type ("Amount", "Paid at", "Deleted at"); the column name if unknown. */
export function labelOfField(type: EntityType, field: string): string {
  const spec = (ENTITIES[type].fields as Record<string, FieldSpec>)[field];
  return spec?.label ?? COMMON_ROW_LABELS[field as keyof typeof COMMON_ROW_LABELS] ?? readable(field);
}

/** "gross_minor" → "Gross", "period_from" → "Period from": units and "uuid" are the kind's business, not the name's. */
function readable(field: string): string {
  const words = field.replace(/_(minor|milli|uuid)$/, '').replace(/_/g, ' ');
  return words[0]!.toUpperCase() + words.slice(1);
}

/** The kind of a business field, for showing a value ("money", "quantity"…); undefined for other columns. */
export function kindOfField(type: EntityType, field: string): FieldKind | undefined {
  return (ENTITIES[type].fields as Record<string, FieldSpec>)[field]?.kind;
}
