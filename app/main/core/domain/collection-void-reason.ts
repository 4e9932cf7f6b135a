import { sql } from 'kysely';

/**
 * A listed collection's void reason, for queries over the unaliased `collections` table: null while it is live;
 * for its tombstone, the reason the last "void" audit entry keeps (by the audit's (entity_uuid, id) index), or
 * null where this desk did not void it (the reason travels in no synced column).
 */
export const collectionVoidReason = sql<
  string | null
>`case when collections.deleted_at is null then null else (select json_extract(a.after, '$.void_reason') from audit a where a.entity_uuid = collections.uuid and a.action = 'void' order by a.id desc limit 1) end`;
