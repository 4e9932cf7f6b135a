import type Database from 'better-sqlite3';
import { newId, shapeOfEntity } from '../../shared';

/**
 * The floor of a payment write on this desk: the same three rows the core writes (payment, audit entry,
 * outbox op), in the desk's own tables and indexes, by statements prepared once, in one durable transaction —
 * no checks, no clock, no events. What the core spends above it is its own work; what it costs above a bare
 * INSERT is the two extra rows and their indexes.
 */
export function floorWriter(sqlite: Database.Database, supplierUuid: string): (i: number) => void {
  const columns = [...shapeOfEntity('payments').columns, 'sync_status'];
  const payment = sqlite.prepare(
    `insert into payments (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  const audit = sqlite.prepare(
    `insert into audit (at, user_id, entity_type, entity_uuid, action, before, after) values (?, 'bench', 'payments', ?, 'create', null, ?)`,
  );
  const outbox = sqlite.prepare(
    `insert into outbox (op_id, entity_type, entity_uuid, operation, base_version, changed_fields, payload, client_timestamp, user_id, status, attempts, last_error, created_at, updated_at)
     values (?, 'payments', ?, 'create', 0, null, ?, ?, 'bench', 'pending', 0, null, ?, ?)`,
  );
  return sqlite.transaction((i: number) => {
    const at = new Date().toISOString();
    const row: Record<string, unknown> = Object.fromEntries(columns.map((c) => [c, null]));
    Object.assign(row, { uuid: newId(), version: 0, created_at: at, updated_at: at, created_by: 'bench' });
    Object.assign(row, { updated_by: 'bench', supplier_uuid: supplierUuid, paid_at: at, amount_minor: 100 + i });
    Object.assign(row, { type: 'partial', method: 'cash', reference: '', notes: '', sync_status: 'pending' });
    const json = JSON.stringify(row);
    payment.run(row);
    audit.run(at, row.uuid, json);
    outbox.run(newId(), row.uuid, json, `${at}-floor`, at, at);
  });
}
