import type Database from 'better-sqlite3';
import type { ClosedPeriod, EntityType } from '../../../../shared';
import type { LocalRows } from './local-rows';

/**
 * The periods approved runs closed, as this desk knows them (the runs and lines it pulled, or stored when it
 * approved one), by supplier: the same query as the server's period-close rule (approved or paid regular runs
 * the supplier has a live line in). Read once per supplier by a prepared statement and kept until a run or line
 * is written here, so a collection or payment write costs no extra statement once its supplier is known.
 */
export interface LocalClosedPeriods {
  of(supplierUuid: string): readonly ClosedPeriod[];
  /** A settlement run or line was written: what was read may be out of date. */
  forget(): void;
}

const RUN_TYPES: ReadonlySet<EntityType> = new Set<EntityType>(['settlement_runs', 'settlement_lines']);

const CLOSED_SQL = `select r.code, r.name, r.period_from as "from", r.period_to as "to", r.product_uuid
  from settlement_lines l join settlement_runs r on r.uuid = l.run_uuid
  where l.supplier_uuid = ? and r.status in ('approved', 'paid') and r.kind = 'regular'
    and r.deleted_at is null and l.deleted_at is null`;

export function createClosedPeriods(sqlite: Database.Database): LocalClosedPeriods {
  const known = new Map<string, ClosedPeriod[]>();
  let statement: Database.Statement | undefined;
  return {
    of(supplierUuid) {
      let periods = known.get(supplierUuid);
      if (!periods) {
        statement ??= sqlite.prepare(CLOSED_SQL);
        periods = statement.all(supplierUuid) as ClosedPeriod[];
        known.set(supplierUuid, periods);
      }
      return periods;
    },
    forget: () => known.clear(),
  };
}

/**
 * The row writer, forgetting the closed periods whenever it writes a run or a line (a pull, an approval's
 * answer). Forgotten inside the writing transaction, which writes no collection or payment after it: were it
 * rolled back, the next read finds the rows as they were.
 */
export function forgettingClosedPeriods(rows: LocalRows, closed: LocalClosedPeriods): LocalRows {
  const touch = (type: EntityType) => {
    if (RUN_TYPES.has(type)) closed.forget();
  };
  return {
    insert: (type, row, status) => (touch(type), rows.insert(type, row, status)),
    insertMany: (type, list, status) => (touch(type), rows.insertMany(type, list, status)),
    upsert: (type, list, status) => (touch(type), rows.upsert(type, list, status)),
    patch: (type, uuid, values) => (touch(type), rows.patch(type, uuid, values)),
    relink: (type, field, from, to) => (touch(type), rows.relink(type, field, from, to)),
    remove: (type, uuid) => (touch(type), rows.remove(type, uuid)),
  };
}
