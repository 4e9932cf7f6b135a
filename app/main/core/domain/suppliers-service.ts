import { sql } from 'kysely';
import {
  notFound,
  parseInput,
  SupplierCreateSchema,
  SupplierPatchSchema,
  uuidField,
  type SupplierCreate,
  type SupplierPatch,
  type SupplierRow,
} from '../../../../shared';
import type { CoreContext, Executor } from './context';
import { requireSession } from './context';
import { changedFieldsOf, findEntity, writeEntity } from './entity-writer';
import { assertCodeFree, findByCode } from './by-code';
import { fromStored } from './row-codec';
import { likePattern, newRowBase, pageBounds, requireSomeChange, touched, type Page, type PageInput } from './row-base';

export interface SupplierListInput extends PageInput {
  search?: string;
  includeInactive?: boolean;
}

export function createSuppliersService(ctx: CoreContext) {
  const { db } = ctx;

  async function get(uuid: string, exec: Executor = db): Promise<SupplierRow> {
    parseInput(uuidField, uuid);
    const row = await findEntity(exec, 'suppliers', uuid);
    if (!row || row.deleted_at) throw notFound('Supplier');
    return row;
  }

  return {
    async create(input: SupplierCreate): Promise<SupplierRow> {
      requireSession(ctx);
      const data = parseInput(SupplierCreateSchema, input);
      return ctx.write(async (trx) => {
        await assertCodeFree(trx, 'suppliers', data.code);
        const { uuid, ...fields } = data;
        const row: SupplierRow = { ...newRowBase(ctx, uuid), ...fields };
        await writeEntity(trx, ctx, { type: 'suppliers', operation: 'create', after: row });
        return row;
      });
    },

    /** Many suppliers in one transaction: all are created, or none (CSV import). */
    async createMany(inputs: SupplierCreate[]): Promise<SupplierRow[]> {
      requireSession(ctx);
      const all = inputs.map((input) => parseInput(SupplierCreateSchema, input));
      return ctx.write(async (trx) => {
        const rows: SupplierRow[] = [];
        for (const data of all) {
          await assertCodeFree(trx, 'suppliers', data.code);
          const { uuid, ...fields } = data;
          const row: SupplierRow = { ...newRowBase(ctx, uuid), ...fields };
          await writeEntity(trx, ctx, { type: 'suppliers', operation: 'create', after: row });
          rows.push(row);
        }
        return rows;
      });
    },

    async update(uuid: string, input: SupplierPatch): Promise<SupplierRow> {
      requireSession(ctx);
      const patch = parseInput(SupplierPatchSchema, input);
      requireSomeChange(patch);
      return ctx.write(async (trx) => {
        const before = await get(uuid, trx);
        const changed = changedFieldsOf(before, patch);
        if (changed.length === 0) return before;
        if (patch.code !== undefined) await assertCodeFree(trx, 'suppliers', patch.code, uuid);
        const after: SupplierRow = { ...before, ...patch, ...touched(ctx) };
        await writeEntity(trx, ctx, { type: 'suppliers', operation: 'update', before, after, changedFields: changed });
        return after;
      });
    },

    get: (uuid: string) => get(uuid),

    async getByCode(code: string): Promise<SupplierRow> {
      const stored = await findByCode(db, 'suppliers', code);
      if (!stored) throw notFound(`Supplier with code "${code}"`);
      return fromStored('suppliers', stored);
    },

    async list(input: SupplierListInput = {}): Promise<Page<SupplierRow>> {
      const { limit, offset } = pageBounds(input);
      let query = db.selectFrom('suppliers').where('deleted_at', 'is', null);
      if (!input.includeInactive) query = query.where('active', '=', 1);
      const search = input.search?.trim();
      if (search) {
        const pattern = likePattern(search);
        query = query.where((eb) =>
          eb.or([
            eb(sql`code`, 'like', sql`${pattern} escape '\\'`),
            eb(sql`name`, 'like', sql`${pattern} escape '\\'`),
            eb(sql`phone`, 'like', sql`${pattern} escape '\\'`),
          ]),
        );
      }
      const [{ total }] = (await query.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [
        { total: number },
      ];
      const rows = await query.selectAll().orderBy('code').limit(limit).offset(offset).execute();
      return { rows: rows.map((r) => fromStored('suppliers', r)), total };
    },
  };
}

export type SuppliersService = ReturnType<typeof createSuppliersService>;
