import {
  ENTITY_TYPES,
  EntityTypeSchema,
  MAX_SKIP_RANGES,
  type EntityType,
  ROUTES,
  type SeqRange,
} from '../../../../shared';
import { storeServerRows } from './apply-remote';
import type { SyncDeps } from './deps';
import { readState, SYNC_KEYS, writeState } from './sync-state';

const PULL_PAGE = 1000;

/** The entity types this desk pulls (Settings → selective sync); all by default. */
async function selectedEntityTypes(deps: Pick<SyncDeps, 'db'>): Promise<EntityType[]> {
  const saved = await readState(deps.db, SYNC_KEYS.entityTypes);
  if (!saved) return [...ENTITY_TYPES];
  const parsed = EntityTypeSchema.array().safeParse(JSON.parse(saved));
  return parsed.success && parsed.data.length > 0 ? parsed.data : [...ENTITY_TYPES];
}

/**
 * Pulls pages until has_more is false. Each page is applied in one SQLite transaction together with its
 * cursor: a crash between pages loses nothing and repeats nothing. A row with local ops still waiting is
 * left as the desk has it; its op meets the server's version at push (conflict or merge). `held` names the seqs
 * this desk's own push just wrote (their rows came back in the answers): the server leaves them out.
 */
export async function pullAll(
  deps: SyncDeps,
  onProgress: (pulled: number) => void = () => {},
  held: readonly SeqRange[] = [],
): Promise<number> {
  const entityTypes = await selectedEntityTypes(deps);
  let pulled = 0;
  for (;;) {
    const cursor = await readState(deps.db, SYNC_KEYS.cursor);
    const skip = held.filter((r) => r.to > Number(cursor ?? 0)).slice(-MAX_SKIP_RANGES);
    const body = {
      device_id: deps.deviceId,
      entity_types: entityTypes,
      limit: PULL_PAGE,
      ...(cursor ? { cursor } : {}),
      ...(skip.length ? { skip_seqs: skip } : {}),
    };
    const page = await deps.auth.authed((token) => deps.http.call(ROUTES.pull, body, { token }));
    const changedTypes: EntityType[] = [];
    await deps.db.transaction().execute(async (trx) => {
      for (const type of ENTITY_TYPES) {
        const rows = page.changes[type] ?? [];
        if (rows.length === 0) continue;
        changedTypes.push(type);
        await storeServerRows(trx, deps.rows, type, rows);
        pulled += rows.length;
      }
      await writeState(trx, SYNC_KEYS.cursor, page.cursor);
    });
    onProgress(pulled);
    if (changedTypes.length) deps.events.emit('data.changed', { source: 'sync', entity_types: changedTypes });
    if (!page.has_more) return pulled;
  }
}
