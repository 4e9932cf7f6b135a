import { sql } from 'kysely';
import {
  notFound,
  type ParsedCreateOf,
  type SupplierCreate,
  type SupplierPatch,
  type SupplierRow,
  type suppliers,
} from '../../../../shared';
import type { CoreContext } from './context';
import { findByUnique } from './by-code';
import { createEntityService } from './entity-service';
import { fromStored } from '../db/row-codec';
import { likePattern, pageBounds, type Page, type PageInput } from './row-base';

export interface SupplierListInput extends PageInput {
  search?: string;
  includeInactive?: boolean;
}

export function createSuppliersService(ctx: CoreContext) {
  const { db } = ctx;
  const rows = createEntityService(ctx, 'suppliers');

  return {
    create: (input: SupplierCreate): Promise<SupplierRow> => rows.create(input),
    createParsed: (data: ParsedCreateOf<typeof suppliers>): Promise<SupplierRow> => rows.createParsed(data),

    /** Many suppliers in one transaction: all are created, or none (CSV import). */
    createMany: (inputs: SupplierCreate[]): Promise<SupplierRow[]> => rows.createMany(inputs),
    createManyParsed: (all: ParsedCreateOf<typeof suppliers>[]): Promise<SupplierRow[]> => rows.createManyParsed(all),

    update: (uuid: string, input: SupplierPatch): Promise<SupplierRow> => rows.update(uuid, input),
    updateParsed: (uuid: string, patch: SupplierPatch): Promise<SupplierRow> => rows.updateParsed(uuid, patch),

    get: (uuid: string) => rows.get(uuid),

    async getByCode(code: string): Promise<SupplierRow> {
      const stored = await findByUnique(db, 'suppliers', 'code', code);
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
