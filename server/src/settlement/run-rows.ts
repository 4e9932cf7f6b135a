import type { Transaction } from 'kysely';
import { entity, shapeOfEntity, type EntityType } from '../../../shared';
import type { AccessClaims } from '../plugins/auth';
import type { ServerDatabase } from '../db/schema';
import { toMysqlDateTime } from '../db/time';
import type { BatchState } from '../sync/batch-state';
import { toWire, type ServerRow } from '../sync/rows';
import { auditDocument } from '../sync/audit-document';

/**
 * Rows the server writes itself (settlement runs and lines), numbered like pushed rows so pull and the live
 * channel deliver them: each is checked against its registry entry before it is put in the batch.
 */
export class ServerWriter {
  readonly audit: { type: EntityType; uuid: string; action: string; before: ServerRow | null; after: ServerRow }[] = [];

  constructor(
    private readonly state: BatchState,
    private readonly claims: AccessClaims,
    private readonly now: string,
  ) {}

  private checked(type: EntityType, row: ServerRow): ServerRow {
    entity(type).rowSchema.parse(toWire(row));
    return row;
  }

  insert(type: EntityType, uuid: string, values: Record<string, unknown>): ServerRow {
    const row = this.checked(type, {
      uuid,
      version: 1,
      created_at: this.now,
      updated_at: this.now,
      deleted_at: null,
      created_by: this.claims.sub,
      updated_by: this.claims.sub,
      ...values,
      seq: this.state.nextSeq(),
      field_versions: Object.fromEntries(shapeOfEntity(type).fields.map((f) => [f, 1])),
      last_hlc: null,
    } as ServerRow);
    this.state.put(type, row, null);
    return row;
  }

  /** A new version of `current` with `values`; nothing changing leaves it be. */
  update(type: EntityType, current: ServerRow, values: Record<string, unknown>): ServerRow {
    const next = { ...current, ...values };
    const changed = [...shapeOfEntity(type).fields, 'deleted_at'].filter((f) => next[f] !== current[f]);
    if (changed.length === 0) return current;
    const version = current.version + 1;
    const fieldVersions = { ...current.field_versions };
    for (const f of changed) fieldVersions[f] = version;
    const row = this.checked(type, {
      ...next,
      version,
      updated_at: this.now,
      updated_by: this.claims.sub,
      seq: this.state.nextSeq(),
      field_versions: fieldVersions,
    });
    this.state.put(type, row, current);
    return row;
  }

  remove(type: EntityType, current: ServerRow): ServerRow {
    return this.update(type, current, { deleted_at: this.now });
  }

  /** One audit entry per run action (its lines travel in the same batch). */
  note(type: EntityType, action: string, before: ServerRow | null, after: ServerRow): void {
    this.audit.push({ type, uuid: after.uuid, action, before, after });
  }

  async writeAudit(trx: Transaction<ServerDatabase>): Promise<void> {
    if (this.audit.length === 0) return;
    await trx
      .insertInto('audit')
      .values(
        this.audit.map((a) => ({
          at: toMysqlDateTime(this.now),
          user_id: this.claims.sub,
          device_id: this.claims.device_id,
          entity_type: a.type,
          entity_uuid: a.uuid,
          action: a.action,
          before: a.before ? auditDocument(a.before) : null,
          after: auditDocument(a.after),
        })),
      )
      .execute();
  }
}
