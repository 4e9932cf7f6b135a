import { sql, type Kysely, type Transaction } from 'kysely';
import type { EntityType } from '../../../shared';
import type { ServerDatabase } from '../db/schema';
import { columnsOf, fromDb, toDb, type ServerRow } from './rows';

type Trx = Transaction<ServerDatabase>;
/** Entity tables are addressed by a runtime name; Kysely sees one loose view, the SQL names the real table. */
type LooseDb = Kysely<{ entity: Record<string, unknown> & { uuid: string; product_uuid: string; code: string } }>;
const tableOf = (type: EntityType) => type as unknown as 'entity';
const loose = (trx: Trx) => trx as unknown as LooseDb;

const key = (type: EntityType, uuid: string) => `${type}:${uuid}`;

/**
 * Everything one push batch reads and writes, loaded up front with one query per table and flushed at the
 * end with one statement per table: set-based work, no round trip per op.
 */
export class BatchState {
  private rows = new Map<string, ServerRow | null>();
  private dirty = new Map<string, { type: EntityType; isNew: boolean }>();
  private codes = new Map<string, string>();
  private rates = new Map<string, ServerRow[]>();

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
      const missing = [...uuids].filter((u) => !this.rows.has(key(type, u)));
      if (missing.length === 0) continue;
      const found = await loose(trx)
        .selectFrom(tableOf(type))
        .selectAll()
        .where('uuid', 'in', missing)
        .forUpdate()
        .execute();
      for (const uuid of missing) this.rows.set(key(type, uuid), null);
      for (const row of found) this.rows.set(key(type, row.uuid as string), fromDb(type, row));
    }
  }

  async loadRates(trx: Trx, productUuids: Set<string>): Promise<void> {
    const missing = [...productUuids].filter((u) => !this.rates.has(u));
    if (missing.length === 0) return;
    for (const uuid of missing) this.rates.set(uuid, []);
    const found = await loose(trx)
      .selectFrom(tableOf('product_rates'))
      .selectAll()
      .where('product_uuid', 'in', missing)
      .execute();
    for (const row of found) this.rates.get(row.product_uuid as string)!.push(fromDb('product_rates', row));
  }

  async loadCodes(trx: Trx, type: 'suppliers' | 'products', codes: Set<string>): Promise<void> {
    if (codes.size === 0) return;
    const found = await loose(trx)
      .selectFrom(tableOf(type))
      .select(['uuid', 'code'])
      .where('code', 'in', [...codes])
      .execute();
    for (const row of found) this.codes.set(`${type}:${row.code.toLowerCase()}`, row.uuid);
  }

  get(type: EntityType, uuid: string): ServerRow | null {
    return this.rows.get(key(type, uuid)) ?? null;
  }

  /** Who holds a code now, as this batch has left it. */
  codeOwner(type: 'suppliers' | 'products', code: string): string | undefined {
    return this.codes.get(`${type}:${code.toLowerCase()}`);
  }

  ratesOf(productUuid: string): ServerRow[] {
    return this.rates.get(productUuid) ?? [];
  }

  put(type: EntityType, row: ServerRow, previous: ServerRow | null): void {
    const k = key(type, row.uuid);
    const wasNew = this.dirty.get(k)?.isNew ?? false;
    this.rows.set(k, row);
    this.dirty.set(k, { type, isNew: wasNew || previous === null });
    if ((type === 'suppliers' || type === 'products') && typeof row.code === 'string') {
      if (previous && typeof previous.code === 'string') this.codes.delete(`${type}:${previous.code.toLowerCase()}`);
      this.codes.set(`${type}:${row.code.toLowerCase()}`, row.uuid);
    }
    if (type === 'product_rates') {
      const list = this.rates.get(row.product_uuid as string) ?? [];
      this.rates.set(row.product_uuid as string, [...list.filter((r) => r.uuid !== row.uuid), row]);
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
        await loose(trx)
          .insertInto(tableOf(type))
          .values(
            inserts.map(
              (r) => toDb(type, r) as Record<string, unknown> & { uuid: string; product_uuid: string; code: string },
            ),
          )
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
  await sql`update ${sql.table(type)} as t join (${sql.join(selects, sql` union all `)}) as v on t.uuid = v.uuid set ${sql.join(assignments)}`.execute(
    trx,
  );
}
