import {
  ENTITY_TYPES,
  EntityTypeSchema,
  MAX_CATCH_UP_LIMIT,
  MAX_SKIP_RANGES,
  type EntityType,
  ROUTES,
  type SeqRange,
} from '../../../../shared';
import { storeServerRows } from './apply-remote';
import type { SyncDeps } from './deps';
import { readState, SYNC_KEYS, writeState } from './sync-state';

/** The first page asked for; a desk catching up (the page before was full) asks for the largest the server gives. */
const PULL_PAGE = 1000;
const CATCH_UP_PAGE = MAX_CATCH_UP_LIMIT;

/** The entity types this desk pulls (Settings → selective sync); all by default. */
async function selectedEntityTypes(deps: Pick<SyncDeps, 'db'>): Promise<EntityType[]> {
  const saved = await readState(deps.db, SYNC_KEYS.entityTypes);
  if (!saved) return [...ENTITY_TYPES];
  const parsed = EntityTypeSchema.array().safeParse(JSON.parse(saved));
  return parsed.success && parsed.data.length > 0 ? parsed.data : [...ENTITY_TYPES];
}

/**
 * Pulls pages until has_more is false. Each page is applied in one SQLite transaction together with its
 * cursor: a crash between pages loses nothing and repeats nothing. The next page is asked for (from the
 * cursor the current page names) while the current one is applied, so the network and SQLite work side by
 * side. A row with local ops still waiting is left as the desk has it; its op meets the server's version at
 * push (conflict or merge). `held` names the seqs this desk's own push just wrote (their rows came back in the
 * answers): the server leaves them out.
 */
export async function pullAll(
  deps: SyncDeps,
  onProgress: (pulled: number) => void = () => {},
  held: readonly SeqRange[] = [],
): Promise<number> {
  const entityTypes = await selectedEntityTypes(deps);
  const fetchPage = (cursor: string | null, limit: number) => {
    const skip = held.filter((r) => r.to > Number(cursor ?? 0)).slice(-MAX_SKIP_RANGES);
    const body = {
      device_id: deps.deviceId,
      entity_types: entityTypes,
      limit,
      ...(limit > PULL_PAGE ? { catch_up: true } : {}),
      ...(cursor ? { cursor } : {}),
      ...(skip.length ? { skip_seqs: skip } : {}),
    };
    return deps.auth.authed((token) => deps.http.call(ROUTES.pull, body, { token }));
  };
  let pulled = 0;
  let next = fetchPage((await readState(deps.db, SYNC_KEYS.cursor)) ?? null, PULL_PAGE);
  for (;;) {
    const page = await next;
    // Asked for now, applied after this one: a failure there surfaces when it is awaited, after this page is kept.
    const ahead = page.has_more ? fetchPage(page.cursor, CATCH_UP_PAGE) : null;
    ahead?.catch(() => undefined);
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
    if (!ahead) return pulled;
    next = ahead;
  }
}
