import { assertCan, entityTypeOf, isEntityType, type ConflictFilter } from '../../../../shared';
import type { ResolveInput } from '../../../../shared/ipc/inputs';
import type { LocalConflict } from '../../../../shared/ipc/types';
import type { AuthService } from '../auth/auth-service';
import type { ConflictsRemote } from '../sync/conflicts-remote';
import { storeServerRows } from '../sync/apply-remote';
import type { CoreContext } from './context';
import { findEntity } from './entity-writer';

/**
 * The conflict screen's data and actions. Resolving needs the server (the resolution is a new version there); the
 * round trip is the sync layer's (`remote`), this service keeps the local mirror.
 */
export function createConflictsService(ctx: CoreContext, auth: AuthService, remote: ConflictsRemote) {
  async function current(entityType: string, uuid: string) {
    return isEntityType(entityType) ? ((await findEntity(ctx.db, entityType, uuid)) ?? null) : null;
  }

  return {
    async list(status: ConflictFilter = 'open'): Promise<LocalConflict[]> {
      let query = ctx.db.selectFrom('conflicts').selectAll().orderBy('created_at', 'desc').limit(500);
      if (status !== 'all') query = query.where('status', '=', status);
      const rows = await query.execute();
      return Promise.all(
        rows.map(async (r) => ({
          conflict_id: r.conflict_id,
          entity_type: r.entity_type,
          entity_uuid: r.entity_uuid,
          type: r.type,
          resolution: r.resolution,
          status: r.status,
          client_data: JSON.parse(r.client_data) as Record<string, unknown>,
          server_data: JSON.parse(r.server_data) as Record<string, unknown>,
          local_data: r.local_data ? (JSON.parse(r.local_data) as Record<string, unknown>) : null,
          current: (await current(r.entity_type, r.entity_uuid)) as Record<string, unknown> | null,
          created_at: r.created_at,
          resolved_at: r.resolved_at,
          resolved_by: r.resolved_by,
          note: r.note,
        })),
      );
    },

    /** Entity uuids whose conflicts still wait for a supervisor ("awaiting supervisor" on their rows). */
    async openEntityUuids(): Promise<string[]> {
      const rows = await ctx.db.selectFrom('conflicts').select('entity_uuid').where('status', '=', 'open').execute();
      return [...new Set(rows.map((r) => r.entity_uuid))];
    },

    /** `apply` makes the chosen values a new version on the server; `close` settles it leaving the row as it is. */
    async resolve(input: ResolveInput) {
      assertCan(auth.current?.role, 'conflicts.resolve');
      const { conflict_id, ...body } = input;
      const entity = await remote.resolve(conflict_id, body);
      const row = await ctx.db
        .selectFrom('conflicts')
        .select(['entity_type', 'entity_uuid'])
        .where('conflict_id', '=', input.conflict_id)
        .executeTakeFirst();
      await ctx.write(async (trx) => {
        if (row) await storeServerRows(trx, ctx.rows, entityTypeOf(row.entity_type), [entity]);
        await trx
          .updateTable('conflicts')
          .set({
            status: 'resolved',
            resolved_at: ctx.now(),
            resolved_by: auth.current?.name ?? null,
            note: input.note ?? null,
          })
          .where('conflict_id', '=', input.conflict_id)
          .execute();
      });
      return entity;
    },

    async reopen(conflictId: string) {
      assertCan(auth.current?.role, 'conflicts.reopen');
      await remote.reopen(conflictId);
      await ctx.db.updateTable('conflicts').set({ status: 'open' }).where('conflict_id', '=', conflictId).execute();
    },
  };
}
