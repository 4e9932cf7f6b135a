import type Database from 'better-sqlite3';
import type { AuditTable, OutboxTable } from './schema';

type AuditEntry = Omit<AuditTable, 'id'>;
type OutboxEntry = Omit<OutboxTable, 'id' | 'status' | 'attempts' | 'last_error'>;

/**
 * The audit entry and outbox op of each local write, by statements prepared once per connection (a write
 * builds no SQL). Like LocalRows it runs on the connection Kysely uses, inside the caller's transaction.
 */
export interface LocalLog {
  audit(entry: AuditEntry): void;
  queue(op: OutboxEntry): void;
}

export function createLocalLog(sqlite: Database.Database): LocalLog {
  const audit = sqlite.prepare(
    'insert into audit (at, user_id, entity_type, entity_uuid, action, before, after) values (@at, @user_id, @entity_type, @entity_uuid, @action, @before, @after)',
  );
  const queue = sqlite.prepare(
    `insert into outbox (op_id, entity_type, entity_uuid, operation, base_version, changed_fields, payload, client_timestamp, user_id, status, attempts, last_error, created_at, updated_at)
     values (@op_id, @entity_type, @entity_uuid, @operation, @base_version, @changed_fields, @payload, @client_timestamp, @user_id, 'pending', 0, null, @created_at, @updated_at)`,
  );
  return {
    audit: (entry) => void audit.run(entry),
    queue: (op) => void queue.run(op),
  };
}
