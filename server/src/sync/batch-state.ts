import { sql, type Transaction } from 'kysely';
import { shapeOfEntity, type EntityType } from '../../../shared';
import { entityTable } from '../db/entity-table';
import type { ServerDatabase } from '../db/schema';
import { columnsOf, fromDb, toDb, type ServerRow } from './rows';

type Trx = Transaction<ServerDatabase>;

const rowKey = (type: EntityType, uuid: string) => `${type}:${uuid}`;
const uniqueKey = (type: EntityType, field: string, value: string) => `${type}.${field}:${value.toLowerCase()}`;
const refKey = (type: EntityType, field: string, uuid: string) => `${type}.${field}:${uuid}`;

/**
 * Everything one push batch reads and writes, loaded up front with one query per table and flushed at the
 * end with one statement per table: set-based work, no round trip per op. Besides rows by uuid it knows who
 * holds each unique value (codes) and, where loaded, the rows that refer to a record (a product's rates).
 */
export class BatchState {
  private rows = new Map<string, ServerRow | null>();
  private dirty = new Map<string, { type: EntityType; isNew: boolean }>();
  private unique = new Map<string, string>();
  private referring = new Map<string, ServerRow[]>();

  constructor(private seq: number) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  get lastSeq(): number {
    return this.seq;
  }

  async load(trx: Trx, wanted: Map<EntityType, Set<string>>): Promise<void> {
    for (const [type, uuids] of wanted) {
      const missing = [...uuids].filter((u) => !this.rows.has(rowKey(type, u)));
      if (missing.length === 0) continue;
      const found = await entityTable(trx, type)
        .selectFrom()
        .selectAll()
        .where('uuid', 'in', missing)
        .forUpdate()
        .execute();
      for (const uuid of missing) this.rows.set(rowKey(type, uuid), null);
      for (const row of found) this.rows.set(rowKey(type, String(row.uuid)), fromDb(type, row));
    }
  }

  /** Loads the rows of `type` whose `field` names one of `uuids` (the rates of some products). */
  async loadReferring(trx: Trx, type: EntityType, field: string, uuids: Set<string>): Promise<void> {
    const missing = [...uuids].filter((u) => !this.referring.has(refKey(type, field, u)));
    if (missing.length === 0) return;
    for (const uuid of missing) this.referring.set(refKey(type, field, uuid), []);
    const found = await entityTable(trx, type).selectFrom().selectAll().where(field, 'in', missing).execute();
    for (const row of found) this.referring.get(refKey(type, field, String(row[field])))!.push(fromDb(type, row));
  }

  /** Loads who holds these values of a unique field. */
  async loadUnique(trx: Trx, type: EntityType, field: string, values: Set<string>): Promise<void> {
    if (values.size === 0) return;
    const found = await entityTable(trx, type)
      .selectFrom()
      .select(['uuid', field])
      .where(field, 'in', [...values])
      .execute();
    for (const row of found) this.unique.set(uniqueKey(type, field, String(row[field])), String(row.uuid));
  }

  get(type: EntityType, uuid: string): ServerRow | null {
    return this.rows.get(rowKey(type, uuid)) ?? null;
  }

  /** Who holds a unique value now, as this batch has left it. */
  holderOf(type: EntityType, field: string, value: string): string | undefined {
    return this.unique.get(uniqueKey(type, field, value));
  }

  /** The loaded rows of `type` whose `field` names `uuid`, as this batch has left them. */
  referringTo(type: EntityType, field: string, uuid: string): ServerRow[] {
    return this.referring.get(refKey(type, field, uuid)) ?? [];
  }

  put(type: EntityType, row: ServerRow, previous: ServerRow | null): void {
    const k = rowKey(type, row.uuid);
    const wasNew = this.dirty.get(k)?.isNew ?? false;
    this.rows.set(k, row);
    this.dirty.set(k, { type, isNew: wasNew || previous === null });
    const shape = shapeOfEntity(type);
    for (const field of shape.unique) {
      if (typeof row[field] !== 'string') continue;
      if (previous && typeof previous[field] === 'string') this.unique.delete(uniqueKey(type, field, previous[field]));
      this.unique.set(uniqueKey(type, field, row[field]), row.uuid);
    }
    for (const { field } of shape.refs) {
      const list = this.referring.get(refKey(type, field, String(row[field])));
      if (!list) continue;
      this.referring.set(refKey(type, field, String(row[field])), [...list.filter((r) => r.uuid !== row.uuid), row]);
    }
  }

  /** Writes every changed row: one INSERT per table for new rows, one joined UPDATE per table for the rest. */
  async flush(trx: Trx): Promise<number> {
    const byType = new Map<EntityType, { inserts: ServerRow[]; updates: ServerRow[] }>();
    for (const [k, { type, isNew }] of this.dirty) {
      const entry = byType.get(type) ?? { inserts: [], updates: [] };
      (isNew ? entry.inserts : entry.updates).push(this.rows.get(k)!);
      byType.set(type, entry);
    }
    let written = 0;
    for (const [type, { inserts, updates }] of byType) {
      if (inserts.length > 0) {
        await entityTable(trx, type)
          .insertInto()
          .values(inserts.map((r) => ({ ...toDb(type, r), uuid: r.uuid })))
          .execute();
      }
      if (updates.length > 0) await updateRows(trx, type, updates);
      written += inserts.length + updates.length;
    }
    return written;
  }
}

/** UPDATE t JOIN (SELECT … UNION ALL SELECT …) v ON t.uuid = v.uuid SET t.c = v.c — never inserts. */
async function updateRows(trx: Trx, type: EntityType, rows: ServerRow[]): Promise<void> {
  const columns = columnsOf(type);
  const selects = rows.map((row) => {
    const values = toDb(type, row);
    return sql`select ${sql.join(columns.map((c) => sql`${values[c]} as ${sql.ref(c)}`))}`;
  });
  const assignments = columns.filter((c) => c !== 'uuid').map((c) => sql`${sql.ref(`t.${c}`)} = ${sql.ref(`v.${c}`)}`);
  await sql`update ${entityTable(trx, type).ref} as t join (${sql.join(selects, sql` union all `)}) as v on t.uuid = v.uuid set ${sql.join(assignments)}`.execute(
    trx,
  );
}
