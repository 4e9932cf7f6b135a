import { z } from 'zod';
import { commonRowShape, uuidField } from './fields';
import type { Role } from './roles';

/** The building blocks of a registry entry (`registry.ts`), and the schemas derived from one. */

export const OPERATIONS = ['create', 'update', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const RESOLUTIONS = ['server_wins', 'last_write_wins', 'manual'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/**
 * What a field holds, which decides how each side stores, compares and shows it: money in minor units and
 * quantities in thousandths (whole numbers), instants (ISO-8601 UTC; DATETIME(3) on the server), calendar dates,
 * booleans (0/1 in both databases), text, a reference to another entity's uuid, one of a fixed list.
 */
export const FIELD_KINDS = ['money', 'quantity', 'instant', 'date', 'boolean', 'text', 'ref', 'enum'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/**
 * How a create treats a field: the creator gives it (`required`), may leave it out for the moment of the
 * write (`now`) or for a default; `computed` fields are decided where the row is written (a collection's rate
 * and amount); `unset` fields start null and are set later by a field action (a payment's void).
 */
type CreateRule = 'required' | 'now' | 'computed' | 'unset' | { readonly default: string | number | boolean | null };

export interface FieldSpec {
  readonly kind: FieldKind;
  /**
   * What people call it ("Amount", "Paid at"): the conflict screen shows this, never the column. Without one the
   * column name is made readable ("gross_minor" → "Gross"); give one where that reads badly.
   */
  readonly label?: string;
  /** The value as a row holds it (nullability included), with messages a clerk can act on. */
  readonly schema: z.ZodType;
  /** Default `required`. */
  readonly create?: CreateRule;
  /** Whether a user's edit may change it; default yes, except for `computed` and `unset` fields. */
  readonly patch?: boolean;
  /** For `ref` fields: the entity type pointed at, which comes earlier in the registry. */
  readonly ref?: string;
  /** Unique among live rows of the type, compared without case (codes). */
  readonly unique?: boolean;
}

/** Who may do what to an entity type; roles nest (admin ⊇ supervisor ⊇ clerk). */
export interface AccessSpec {
  readonly create: Role;
  readonly update: Role;
  /** The role, or why this type is never deleted (the rest of "Payments are never deleted; …"). */
  readonly delete: Role | { readonly never: string };
  /** What a refusal calls any change to this type ("manage products"); default "<action> <type>". */
  readonly says?: string;
  /** Updates that write these fields are an action of their own (a void), with their own role. */
  readonly fieldActions?: Readonly<Record<string, { readonly role: Role; readonly fields: readonly string[] }>>;
  /**
   * Rows only the server writes (a settlement run it computed): why nobody writes them through sync. Every
   * create, update and delete is then refused on both sides, whatever the role.
   */
  readonly serverOnly?: string;
}

export interface EntitySpec {
  /** The entity type: the table name on both databases and the wire's `entity_type`. */
  readonly type: string;
  readonly label: { readonly one: string; readonly many: string };
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly access: AccessSpec;
  /** The conflict policy unless the server is configured otherwise (CONFLICT_POLICY). */
  readonly conflictPolicy: Resolution;
  /**
   * Rules across fields, as `{ field: problem }`, checked on the whole row as it would be written (a new row,
   * or a row merged with an edit) by the desk's entity service and the server's push alike.
   */
  readonly rowRules?: (row: Readonly<Record<string, unknown>>) => Record<string, string>;
}

type Flat<T> = { -readonly [K in keyof T]: T[K] };
type Fields = EntitySpec['fields'];
type RuleOf<F> = F extends { create: infer C } ? C : 'required';
type Patchable<F> = F extends { patch: infer P } ? P : RuleOf<F> extends 'computed' | 'unset' ? false : true;

type RowShape<Fs extends Fields> = Flat<typeof commonRowShape & { [K in keyof Fs]: Fs[K]['schema'] }>;
type CreateShape<Fs extends Fields> = Flat<
  { uuid: z.ZodOptional<typeof uuidField> } & {
    [K in keyof Fs as RuleOf<Fs[K]> extends 'computed' | 'unset' ? never : K]: RuleOf<Fs[K]> extends 'required'
      ? Fs[K]['schema']
      : RuleOf<Fs[K]> extends 'now'
        ? z.ZodOptional<Fs[K]['schema']>
        : z.ZodDefault<Fs[K]['schema']>;
  }
>;
type PatchShape<Fs extends Fields> = Flat<{
  [K in keyof Fs as Patchable<Fs[K]> extends true ? K : never]: z.ZodOptional<Fs[K]['schema']>;
}>;

export type Entity<S extends EntitySpec> = S & {
  /** The business fields, in declaration order (everything but the common sync columns). */
  readonly fieldNames: readonly (keyof S['fields'] & string)[];
  /** A whole row as both sides hold it and the wire carries it. */
  readonly rowSchema: z.ZodObject<RowShape<S['fields']>, z.core.$strip>;
  /** What a user gives to make one (unknown fields refused). */
  readonly createSchema: z.ZodObject<CreateShape<S['fields']>, z.core.$strict>;
  /** What a user may change, every field optional (unknown fields refused). */
  readonly patchSchema: z.ZodObject<PatchShape<S['fields']>, z.core.$strict>;
};

export function isPatchable(spec: FieldSpec): boolean {
  return spec.patch ?? !(spec.create === 'computed' || spec.create === 'unset');
}

/** Turns a registry entry into its row, create and patch schemas. */
export function defineEntity<const S extends EntitySpec>(spec: S): Entity<S> {
  const row: Record<string, z.ZodType> = { ...commonRowShape };
  const create: Record<string, z.ZodType> = { uuid: uuidField.optional() };
  const patch: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(spec.fields)) {
    row[name] = field.schema;
    const rule = field.create ?? 'required';
    if (rule === 'required') create[name] = field.schema;
    else if (rule === 'now') create[name] = field.schema.optional();
    else if (typeof rule === 'object') create[name] = field.schema.default(rule.default as never);
    if (isPatchable(field)) patch[name] = field.schema.optional();
  }
  // The loops above build exactly the shapes the mapped types describe; the type tests hold them together.
  const derived = {
    fieldNames: Object.keys(spec.fields),
    rowSchema: z.object(row),
    createSchema: z.strictObject(create),
    patchSchema: z.strictObject(patch),
  } as unknown as Omit<Entity<S>, keyof S>;
  return { ...spec, ...derived } as Entity<S>;
}

/** The types of an entry's schemas: a whole row, what a user gives to make one, what an edit may change. */
export type RowOf<E extends { rowSchema: z.ZodType }> = z.infer<E['rowSchema']>;
export type CreateOf<E extends { createSchema: z.ZodType }> = z.input<E['createSchema']>;
export type PatchOf<E extends { patchSchema: z.ZodType }> = z.infer<E['patchSchema']>;
/** What the create schema hands on: defaults filled, text trimmed (dispatch parses, the service writes this). */
export type ParsedCreateOf<E extends { createSchema: z.ZodType }> = z.output<E['createSchema']>;
