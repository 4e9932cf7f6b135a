import type { Kysely, Transaction } from 'kysely';
import type { LocalDatabase } from '../db/schema';

type Exec = Kysely<LocalDatabase> | Transaction<LocalDatabase>;

/** Small key-value store for sync bookkeeping (cursor, device id, server URL, last success). */
export const SYNC_KEYS = {
  deviceId: 'device_id',
  cursor: 'pull_cursor',
  serverUrl: 'server_url',
  lastSuccess: 'last_success_at',
  session: 'session',
  entityTypes: 'selective_entity_types',
  /** How this desk is used: 'local' (this computer only) or 'server'. */
  mode: 'desk_mode',
  /** The office's time zone, as the server last said on a sign-in or refresh: this desk's clock from then on. */
  officeTimeZone: 'office_time_zone',
  /** The office's currency, when the server has one: the desk's currency setting follows it. */
  officeCurrency: 'office_currency',
} as const;

export async function readState(db: Exec, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('sync_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeState(db: Exec, key: string, value: string): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function deleteState(db: Exec, key: string): Promise<void> {
  await db.deleteFrom('sync_state').where('key', '=', key).execute();
}
