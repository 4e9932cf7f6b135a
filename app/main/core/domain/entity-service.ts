import {
  entity,
  notFound,
  parseInput,
  shapeOfEntity,
  toIsoInstant,
  uuidField,
  validationError,
  type Action,
  type EntityRows,
  type EntitySpec,
  type EntityType,
  type FieldSpec,
} from '../../../../shared';
import { assertUniqueFreeMany, assertUniqueFreeNow } from './by-code';
import { requireCan, type CoreContext, type Executor } from './context';
import { changedFieldsOf, findEntity, writeCreates, writeEntityNow } from './entity-writer';
import { fromStored } from '../db/row-codec';
import { newRowBase, requireSomeChange, touched } from './row-base';

type Row<T extends EntityType> = EntityRows[T];
type Values = Record<string, unknown>;

/** Each reference names a live record of its type ("is not a known supplier"). */
async function assertReferences(exec: Executor, type: EntityType, values: Values): Promise<void> {
  for (const { field, target } of shapeOfEntity(type).refs) {
    const uuid = values[field];
    if (typeof uuid !== 'string') continue;
    const row = await findEntity(exec, target, uuid);
    if (!row || row.deleted_at) throw validationError({ [field]: `is not a known ${entity(target).label.one}` });
  }
}

/** The same check inside `ctx.writeNow`: one prepared, synchronous read per reference. */
function assertReferencesNow(ctx: CoreContext, type: EntityType, values: Values): void {
  for (const { field, target } of shapeOfEntity(type).refs) {
    const uuid = values[field];
    if (typeof uuid !== 'string') continue;
    if (!ctx.lookups.isLive(target, uuid))
      throw validationError({ [field]: `is not a known ${entity(target).label.one}` });
  }
}

/** The references of many rows, each distinct one checked once. */
async function assertReferencesMany(exec: Executor, type: EntityType, all: readonly Values[]): Promise<void> {
  const checked = new Set<string>();
  for (const data of all) {
    const refs = shapeOfEntity(type).refs.filter(({ field }) => {
      const uuid = data[field];
      return typeof uuid === 'string' && !checked.has(`${field}:${uuid}`);
    });
    if (refs.length === 0) continue;
    await assertReferences(exec, type, data);
    for (const { field } of refs) checked.add(`${field}:${String(data[field])}`);
  }
}

/**
 * What every entity type gets on the desk without code of its own, from its registry entry: create, update,
 * delete and get, with the entry's schemas and roles, references to live records and unique codes checked,
 * each written as row + audit + outbox op in one transaction. A type with rules of its own (a collection's
 * pricing, a payment's void) has a domain service that adds them.
 */
export function createEntityService<T extends EntityType>(ctx: CoreContext, type: T) {
  const spec = entity(type);
  const fields = Object.entries(spec.fields) as [string, FieldSpec][];
  const label = spec.label.one[0]!.toUpperCase() + spec.label.one.slice(1);
  // `${T}.create` is an Action for every T; TypeScript cannot see that through the generic.
  const may = (action: 'create' | 'update' | 'delete') => requireCan(ctx, `${type}.${action}` as Action);

  async function get(uuid: string, exec: Executor = ctx.db): Promise<Row<T>> {
    parseInput(uuidField, uuid);
    const row = await findEntity(exec, type, uuid);
    if (!row || row.deleted_at) throw notFound(label);
    return row;
  }

  /** The same inside `ctx.writeNow`: one prepared, synchronous read, in the write's own transaction. */
  function getNow(uuid: string): Row<T> {
    parseInput(uuidField, uuid);
    const stored = ctx.lookups.row(type, uuid);
    if (!stored || stored.deleted_at) throw notFound(label);
    return fromStored(type, stored);
  }

  /**
   * A new row from parsed create input: instants as ISO UTC, `now` fields defaulted, `unset` fields null.
   * `now` is read once by the caller for a batch (the rows of one import share one instant).
   */
  function newRow(data: Values, now = ctx.now()): Row<T> {
    const base = newRowBase(ctx, data.uuid as string | undefined, now);
    const { uuid } = base;
    // Assigned onto the base, not spread with it into a new literal: `{ ...base, ...values }` made ~3 KB of
    // garbage per row (V8 builds the merged shape anew each time), a third of a payment write's allocations.
    const row: Values = Object.assign(base, data);
    row.uuid = uuid; // the input may carry `uuid: undefined`
    for (const [name, field] of fields) {
      if (field.create === 'computed') throw new Error(`${type}.${name} is computed: its service makes the row`);
      if (field.create === 'unset') row[name] = null;
      else if (field.kind === 'instant' && (row[name] !== undefined || field.create === 'now'))
        row[name] = toIsoInstant((row[name] as string | undefined) ?? now);
    }
    return row as Row<T>;
  }

  /** The entry's rules across fields, on the whole row as it would be written. */
  function checkRow(row: Values): void {
    const errors = (spec as EntitySpec).rowRules?.(row) ?? {};
    if (Object.keys(errors).length) throw validationError(errors);
  }

  /** Checks, then row + audit + outbox op, all synchronous: one transaction with no await inside (see writeNow). */
  function insertNow(data: Values): Row<T> {
    assertReferencesNow(ctx, type, data);
    assertUniqueFreeNow(ctx, type, data);
    const row = newRow(data);
    checkRow(row);
    writeEntityNow(ctx, { type, operation: 'create', after: row });
    return row;
  }

  async function createParsed(data: Values): Promise<Row<T>> {
    may('create');
    return ctx.writeNow(() => insertNow(data));
  }

  async function createManyParsed(all: readonly Values[]): Promise<Row<T>[]> {
    may('create');
    return ctx.write(async (trx) => {
      // Checked set-wise (one indexed query per 500 codes, each reference once), then written with
      // statements prepared once and one clock read, all in this one transaction.
      await assertReferencesMany(trx, type, all);
      await assertUniqueFreeMany(trx, type, all);
      const now = ctx.now();
      const rows = all.map((data) => newRow(data, now));
      for (const row of rows) checkRow(row);
      writeCreates(trx, ctx, type, rows);
      return rows;
    });
  }

  async function updateParsed(uuid: string, patch: Values): Promise<Row<T>> {
    may('update');
    requireSomeChange(patch);
    // Read, checked and written in one synchronous transaction, like a create (see writeNow).
    return ctx.writeNow(() => {
      const before = getNow(uuid);
      const changed = changedFieldsOf(before, patch);
      if (changed.length === 0) return before;
      assertReferencesNow(ctx, type, patch);
      assertUniqueFreeNow(ctx, type, patch, uuid);
      const after = { ...before, ...patch, ...touched(ctx) } as Row<T>;
      checkRow(after);
      writeEntityNow(ctx, { type, operation: 'update', before, after, changedFields: changed });
      return after;
    });
  }

  return {
    get: (uuid: string, exec?: Executor) => get(uuid, exec),

    /** A live row read inside `ctx.writeNow` (a service's own update or void); not found as `get` says it. */
    getNow,

    /** For callers that did not parse (the CLI, an import, a seed): the one parse, then `createParsed`. */
    async create(input: unknown): Promise<Row<T>> {
      may('create'); // a role that may not create hears so before any word about its input
      return createParsed(parseInput(spec.createSchema, input) as Values);
    },

    /** Input already parsed with this entry's create schema (by dispatch): written without a second parse. */
    createParsed,

    /** Many rows in one transaction: all are created, or none (a CSV import). */
    async createMany(inputs: unknown[]): Promise<Row<T>[]> {
      may('create');
      return createManyParsed(inputs.map((input) => parseInput(spec.createSchema, input) as Values));
    },

    /** Rows already parsed with the create schema (an import that checked each line to report it). */
    createManyParsed,

    async update(uuid: string, input: unknown): Promise<Row<T>> {
      may('update');
      return updateParsed(uuid, parseInput(spec.patchSchema, input) as Values);
    },

    /** A patch already parsed with this entry's patch schema (by dispatch). */
    updateParsed,

    /** A tombstone, so every desk learns of it. */
    async remove(uuid: string): Promise<Row<T>> {
      may('delete');
      return ctx.writeNow(() => {
        const before = getNow(uuid);
        const after = { ...before, deleted_at: ctx.now(), ...touched(ctx) } as Row<T>;
        writeEntityNow(ctx, { type, operation: 'delete', before, after, changedFields: ['deleted_at'] });
        return after;
      });
    },
  };
}
