import type { CoreContext } from './context';

export interface AuditEntry {
  id: number;
  at: string;
  user_id: string | null;
  entity_type: string;
  entity_uuid: string;
  action: string;
  before: unknown;
  after: unknown;
}

export function createAuditService(ctx: CoreContext) {
  return {
    async forEntity(entityUuid: string): Promise<AuditEntry[]> {
      const rows = await ctx.db
        .selectFrom('audit')
        .selectAll()
        .where('entity_uuid', '=', entityUuid)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        ...r,
        before: r.before ? JSON.parse(r.before) : null,
        after: r.after ? JSON.parse(r.after) : null,
      }));
    },
  };
}
