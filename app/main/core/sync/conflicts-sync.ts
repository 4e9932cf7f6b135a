import { can, ROUTES, type ConflictRecord } from '../../../../shared';
import type { ConflictNotice } from '../events';
import type { SyncDeps } from './deps';

/**
 * Keeps the desk's mirror of conflicts current: a supervisor's desk mirrors every conflict; a clerk's desk
 * refreshes the ones its own pushes met, so "awaiting supervisor" turns to "resolved" when a supervisor acts.
 */
export async function syncConflicts(deps: SyncDeps): Promise<ConflictNotice[]> {
  const user = deps.auth.current;
  if (!user) return [];
  let records: ConflictRecord[];
  if (can(user.role, 'conflicts.list')) {
    records = (await deps.auth.authed((token) => deps.http.call(ROUTES.conflicts, { status: 'all' }, { token })))
      .conflicts;
  } else {
    const mine = await deps.db
      .selectFrom('conflicts')
      .select('conflict_id')
      .where('status', '!=', 'resolved')
      .execute();
    if (mine.length === 0) return [];
    const ids = mine.map((c) => c.conflict_id);
    records = (await deps.auth.authed((token) => deps.http.call(ROUTES.conflictStatuses, { ids }, { token })))
      .conflicts;
  }
  const fresh: ConflictNotice[] = [];
  await deps.db.transaction().execute(async (trx) => {
    for (const c of records) {
      const existing = await trx
        .selectFrom('conflicts')
        .select(['status'])
        .where('conflict_id', '=', c.conflict_id)
        .executeTakeFirst();
      const values = {
        entity_type: c.entity_type,
        entity_uuid: c.uuid,
        type: c.type,
        resolution: c.resolution,
        status: c.status,
        client_data: JSON.stringify(c.client_data),
        server_data: JSON.stringify(c.server_data),
        resolved_at: c.resolved_at ?? null,
        resolved_by: c.resolved_by_name ?? c.resolved_by ?? null,
        note: c.note ?? null,
      };
      if (existing) {
        if (existing.status !== c.status || c.resolved_at)
          await trx.updateTable('conflicts').set(values).where('conflict_id', '=', c.conflict_id).execute();
      } else {
        await trx
          .insertInto('conflicts')
          .values({ conflict_id: c.conflict_id, op_id: null, local_data: null, created_at: c.created_at, ...values })
          .execute();
        if (c.status === 'open')
          fresh.push({
            conflict_id: c.conflict_id,
            entity_type: c.entity_type,
            entity_uuid: c.uuid,
            type: c.type,
            resolution: c.resolution,
            status: c.status,
          });
      }
    }
  });
  for (const notice of fresh) deps.events.emit('conflicts.new', notice);
  return fresh;
}
