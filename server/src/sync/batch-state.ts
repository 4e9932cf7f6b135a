import { sql, type Kysely } from 'kysely';
import { format, raw } from 'mysql2';
import { shapeOfEntity, type EntityType } from '../../../shared';
import { entityTable } from '../db/entity-table';
import { insertText } from '../db/insert-text';
import type { ServerDatabase } from '../db/schema';
import { readClock } from './early-reads';
import { columnsOf, fromDb, toDb, type ServerRow } from './rows';

type Trx = Kysely<ServerDatabase>;

/** The clock's column in an early row read (no entity table has a column of that name). */
const CLOCK_ALIAS = 'sync_clock_seq';

const lockedRows = (trx: Trx, type: EntityType, uuids: string[]) =>
  entityTable(trx, type).selectFrom().selectAll().where('uuid', 'in', uuids).forUpdate().execute();

/** What a batch read, for the check under the sequence lock that nobody has written it since. */
export interface ReadNote {
  table: string;
  /** The column the read matched on; null when it read the whole table. */
  column: string | null;
  values: string[];
}

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

  /** Every read this batch made (see ReadNote). */
  readonly reads: ReadNote[] = [];

  /**
   * `seq` is the clock the batch numbers from. Without it (a batch read before taking the lock) seqs are
   * placeholders -1, -2, … that `numberFrom` turns into real ones once the lock is held; rows are read
   * without row locks, as the check under the sequence lock replaces them.
   */
  constructor(
    private seq: number,
    private readonly early = false,
  ) {}

  nextSeq(): number {
    this.seq += 1;
    return this.early ? -this.seq : this.seq;
  }

  /** How many seqs the batch has used. */
  get used(): number {
    return this.early ? this.seq : 0;
  }

  /** Notes a read that is not one of the loads below (a rule's own query). */
  noteRead(table: string, column: string | null, values: Iterable<string>): void {
    this.reads.push({ table, column, values: [...values] });
  }

  /**
   * Gives the placeholder seqs their real numbers (`base` + n for placeholder -n), in the changed rows and in
   * the other objects given (audit entries hold the rows they wrote, and earlier versions of them).
   */
  numberFrom(base: number, others: Iterable<Record<string, unknown> | null | undefined>): void {
    const fix = (row: Record<string, unknown> | null | undefined) => {
      if (row && typeof row.seq === 'number' && row.seq < 0) row.seq = base - row.seq;
    };
    for (const key of this.dirty.keys()) fix(this.rows.get(key) as Record<string, unknown> | null);
    for (const row of others) fix(row);
    this.seq = base + this.seq;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /**
   * The clock an early batch read first (the least its first reads saw), for the check under the lock; each
   * first read carries it, so it costs no round trip of its own (docs/performance.md, "Server push").
   */
  get clockSeen(): number | undefined {
    return this.clock;
  }

  private clock: number | undefined;

  async load(trx: Trx, wanted: Map<EntityType, Set<string>>): Promise<void> {
    const toRead: [EntityType, string[]][] = [];
    for (const [type, uuids] of wanted) {
      const missing = [...uuids].filter((u) => !this.rows.has(rowKey(type, u)));
      if (missing.length === 0) continue;
      this.noteRead(entityTable(trx, type).name, 'uuid', missing);
      for (const uuid of missing) this.rows.set(rowKey(type, uuid), null);
      toRead.push([type, missing]);
    }
    if (this.early && this.clock === undefined && toRead.length === 0) this.seeClock(await readClock(trx));
    // The types are read side by side: on pooled connections (an early read) that is one round trip.
    await Promise.all(
      toRead.map(async ([type, missing]) => {
        const found = this.early ? await this.readWithClock(trx, type, missing) : await lockedRows(trx, type, missing);
        for (const row of found) this.rows.set(rowKey(type, String(row.uuid)), fromDb(type, row));
      }),
    );
  }

  /**
   * Rows by uuid with the clock in the same statement (one snapshot): a row committed after the clock was
   * read cannot be in the answer unseen by the check. The left join carries the clock when no row matches.
   */
  private async readWithClock(trx: Trx, type: EntityType, uuids: string[]): Promise<Record<string, unknown>[]> {
    const { rows } = await sql<Record<string, unknown>>`select c.seq as ${sql.ref(CLOCK_ALIAS)}, t.* from sync_clock c
      left join ${entityTable(trx, type).ref} t on t.uuid in (${sql.join(uuids)}) where c.id = 1`.execute(trx);
    const found: Record<string, unknown>[] = [];
    for (const { [CLOCK_ALIAS]: clock, ...row } of rows) {
      this.seeClock(Number(clock ?? 0));
      if (row.uuid != null) found.push(row);
    }
    return found;
  }

  private seeClock(clock: number): void {
    this.clock = this.clock === undefined ? clock : Math.min(this.clock, clock);
  }

  /** Loads the rows of `type` whose `field` names one of `uuids` (the rates of some products). */
  async loadReferring(trx: Trx, type: EntityType, field: string, uuids: Set<string>): Promise<void> {
    const missing = [...uuids].filter((u) => !this.referring.has(refKey(type, field, u)));
    if (missing.length === 0) return;
    for (const uuid of missing) this.referring.set(refKey(type, field, uuid), []);
    this.noteRead(entityTable(trx, type).name, field, missing);
    const found = await entityTable(trx, type).selectFrom().selectAll().where(field, 'in', missing).execute();
    for (const row of found) this.referring.get(refKey(type, field, String(row[field])))!.push(fromDb(type, row));
  }

  /** Loads who holds these values of a unique field. */
  async loadUnique(trx: Trx, type: EntityType, field: string, values: Set<string>): Promise<void> {
    if (values.size === 0) return;
    this.noteRead(entityTable(trx, type).name, field, values);
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
    return BatchState.runPrebuilt(
      trx,
      this.writes(trx, (row) => row.seq),
    );
  }

  /**
   * An early batch's writes as SQL text, built (escaped and all) before it takes the sequence lock, so that
   * holding it costs no JavaScript (docs/performance.md, "Server push"). A row numbered with placeholder -k
   * gets `last_insert_id() - (used - k)` for its seq: `takeSeqs` leaves LAST_INSERT_ID() at clock + used, so
   * that is clock + k, the seq `numberFrom` gives it. Run them right after `takeSeqs`: no INSERT into a table
   * with an AUTO_INCREMENT column (the audit) may come between.
   */
  prebuiltWrites(db: Trx): RowWrite[] {
    const used = this.used;
    return this.writes(db, (row) => raw(`last_insert_id() - ${used + row.seq}`));
  }

  /** Runs what `prebuiltWrites` built (holding the lock, right after `takeSeqs`); returns the rows written. */
  static async runPrebuilt(trx: Trx, writes: readonly RowWrite[]): Promise<number> {
    let written = 0;
    for (const { text, rows } of writes) {
      await sql.raw(text).execute(trx);
      written += rows;
    }
    return written;
  }

  /** The statements writing the changed rows, as SQL text, each row's seq column given by `seq`. */
  private writes(db: Trx, seq: (row: ServerRow) => unknown): RowWrite[] {
    const byType = new Map<EntityType, { inserts: ServerRow[]; updates: ServerRow[] }>();
    for (const [k, { type, isNew }] of this.dirty) {
      const entry = byType.get(type) ?? { inserts: [], updates: [] };
      (isNew ? entry.inserts : entry.updates).push(this.rows.get(k)!);
      byType.set(type, entry);
    }
    const values = (type: EntityType, row: ServerRow) => {
      const stored = toDb(type, row);
      stored.seq = seq(row);
      return stored;
    };
    const writes: RowWrite[] = [];
    for (const [type, { inserts, updates }] of byType) {
      const table = entityTable(db, type).name;
      if (inserts.length > 0) {
        const rows = inserts.map((r) => values(type, r));
        writes.push({ text: insertText(table, columnsOf(type), rows), rows: rows.length });
      }
      if (updates.length > 0) {
        const rows = updates.map((r) => values(type, r));
        writes.push({ text: updateText(db, type, rows), rows: rows.length });
      }
    }
    return writes;
  }
}

/** One statement writing some of a batch's rows, as SQL text. */
interface RowWrite {
  text: string;
  rows: number;
}

/** UPDATE t JOIN (SELECT … UNION ALL SELECT …) v ON t.uuid = v.uuid SET t.c = v.c — never inserts. As SQL text. */
function updateText(db: Trx, type: EntityType, rows: Record<string, unknown>[]): string {
  const columns = columnsOf(type);
  const selects = rows.map((values) => sql`select ${sql.join(columns.map((c) => sql`${values[c]} as ${sql.ref(c)}`))}`);
  const assignments = columns.filter((c) => c !== 'uuid').map((c) => sql`${sql.ref(`t.${c}`)} = ${sql.ref(`v.${c}`)}`);
  const { sql: text, parameters } =
    sql`update ${entityTable(db, type).ref} as t join (${sql.join(selects, sql` union all `)}) as v on t.uuid = v.uuid set ${sql.join(assignments)}`.compile(
      db,
    );
  return format(text, parameters as Parameters<typeof format>[1], false, 'Z');
}
