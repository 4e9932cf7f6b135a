import type { CentreRow, RouteRow } from '../../../../shared';
import { fromStored } from '../db/row-codec';
import type { CoreContext } from './context';
import { createEntityService } from './entity-service';

type PlaceType = 'routes' | 'centres';
type PlaceRow<T extends PlaceType> = T extends 'routes' ? RouteRow : CentreRow;

/** Routes and centres: the registry's create/update/delete, plus the list their screens and pickers show. */
export function createPlacesService<T extends PlaceType>(ctx: CoreContext, type: T) {
  const rows = createEntityService(ctx, type);
  return {
    ...rows,
    /** By code; deactivated ones only when asked (a supplier's picker offers only active places). */
    async list(input: { includeInactive?: boolean } = {}): Promise<PlaceRow<T>[]> {
      // Both tables have the same columns; kysely cannot see that through the union, so one is named.
      let query = ctx.db
        .selectFrom(type as 'routes')
        .selectAll()
        .where('deleted_at', 'is', null);
      if (!input.includeInactive) query = query.where('active', '=', 1);
      const found = await query.orderBy('code').execute();
      return found.map((r) => fromStored(type as 'routes', r) as PlaceRow<T>);
    },
  };
}
