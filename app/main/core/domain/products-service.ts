import {
  notFound,
  parseInput,
  ProductCreateSchema,
  ProductPatchSchema,
  uuidField,
  type ProductCreate,
  type ProductPatch,
  type ProductRow,
} from '../../../../shared';
import { requireRole, type CoreContext, type Executor } from './context';
import { changedFieldsOf, findEntity, writeEntity } from './entity-writer';
import { assertCodeFree, findByCode } from './by-code';
import { fromStored } from './row-codec';
import { newRowBase, requireSomeChange, touched } from './row-base';

export function createProductsService(ctx: CoreContext) {
  const { db } = ctx;

  async function get(uuid: string, exec: Executor = db): Promise<ProductRow> {
    parseInput(uuidField, uuid);
    const row = await findEntity(exec, 'products', uuid);
    if (!row || row.deleted_at) throw notFound('Product');
    return row;
  }

  return {
    async create(input: ProductCreate): Promise<ProductRow> {
      requireRole(ctx, 'supervisor', 'manage products');
      const data = parseInput(ProductCreateSchema, input);
      return ctx.write(async (trx) => {
        await assertCodeFree(trx, 'products', data.code);
        const { uuid, ...fields } = data;
        const row: ProductRow = { ...newRowBase(ctx, uuid), ...fields };
        await writeEntity(trx, ctx, { type: 'products', operation: 'create', after: row });
        return row;
      });
    },

    async update(uuid: string, input: ProductPatch): Promise<ProductRow> {
      requireRole(ctx, 'supervisor', 'manage products');
      const patch = parseInput(ProductPatchSchema, input);
      requireSomeChange(patch);
      return ctx.write(async (trx) => {
        const before = await get(uuid, trx);
        const changed = changedFieldsOf(before, patch);
        if (changed.length === 0) return before;
        if (patch.code !== undefined) await assertCodeFree(trx, 'products', patch.code, uuid);
        const after: ProductRow = { ...before, ...patch, ...touched(ctx) };
        await writeEntity(trx, ctx, { type: 'products', operation: 'update', before, after, changedFields: changed });
        return after;
      });
    },

    get: (uuid: string) => get(uuid),

    async getByCode(code: string): Promise<ProductRow> {
      const stored = await findByCode(db, 'products', code);
      if (!stored) throw notFound(`Product with code "${code}"`);
      return fromStored('products', stored);
    },

    async list(input: { includeInactive?: boolean } = {}): Promise<ProductRow[]> {
      let query = db.selectFrom('products').selectAll().where('deleted_at', 'is', null);
      if (!input.includeInactive) query = query.where('active', '=', 1);
      const rows = await query.orderBy('code').execute();
      return rows.map((r) => fromStored('products', r));
    },
  };
}

export type ProductsService = ReturnType<typeof createProductsService>;
