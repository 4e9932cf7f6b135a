import type { CreateOf, EntityRow, ParsedCreateOf, PatchOf, charges } from '../../../../shared';
import { notFound } from '../../../../shared';
import { fromStored } from '../db/row-codec';
import { findByUnique } from './by-code';
import type { CoreContext } from './context';
import { createEntityService } from './entity-service';

export type ChargeEntityRow = EntityRow<'charges'>;

/** Levies and fees that come off pay; a supervisor keeps them (the registry's roles and rules). */
export function createChargesService(ctx: CoreContext) {
  const rows = createEntityService(ctx, 'charges');
  return {
    create: (input: CreateOf<typeof charges>): Promise<ChargeEntityRow> => rows.create(input),
    createParsed: (data: ParsedCreateOf<typeof charges>): Promise<ChargeEntityRow> => rows.createParsed(data),
    update: (uuid: string, input: PatchOf<typeof charges>): Promise<ChargeEntityRow> => rows.update(uuid, input),
    remove: (uuid: string) => rows.remove(uuid),
    get: (uuid: string) => rows.get(uuid),

    async getByCode(code: string): Promise<ChargeEntityRow> {
      const stored = await findByUnique(ctx.db, 'charges', 'code', code);
      if (!stored) throw notFound(`Charge with code "${code}"`);
      return fromStored('charges', stored);
    },

    /** Live charges in the order runs deduct them. */
    async list(): Promise<ChargeEntityRow[]> {
      const found = await ctx.db
        .selectFrom('charges')
        .selectAll()
        .where('deleted_at', 'is', null)
        .orderBy('sort_order')
        .orderBy('code')
        .execute();
      return found.map((r) => fromStored('charges', r));
    },
  };
}
