import {
  notFound,
  type ParsedCreateOf,
  type ProductCreate,
  type ProductPatch,
  type ProductRow,
  type products,
} from '../../../../shared';
import type { CoreContext } from './context';
import { findByUnique } from './by-code';
import { createEntityService } from './entity-service';
import { fromStored } from '../db/row-codec';

export function createProductsService(ctx: CoreContext) {
  const { db } = ctx;
  const rows = createEntityService(ctx, 'products');

  return {
    create: (input: ProductCreate): Promise<ProductRow> => rows.create(input),
    createParsed: (data: ParsedCreateOf<typeof products>): Promise<ProductRow> => rows.createParsed(data),

    update: (uuid: string, input: ProductPatch): Promise<ProductRow> => rows.update(uuid, input),
    updateParsed: (uuid: string, patch: ProductPatch): Promise<ProductRow> => rows.updateParsed(uuid, patch),

    get: (uuid: string) => rows.get(uuid),

    async getByCode(code: string): Promise<ProductRow> {
      const stored = await findByUnique(db, 'products', 'code', code);
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
