import { AppError, referrersOf, type WireRow, ROUTES } from '../../../../shared';
import type { CodeClash } from '../../../../shared/ipc/types';
import type { Core } from '../create-core';
import { checkServerRows } from '../sync/apply-remote';
import { checkServer } from '../sync/check-server';
import { outboxNote } from '../sync/outbox-note';
import { SYNC_KEYS, readState, writeState } from '../sync/sync-state';

export interface ConnectResult {
  status: 'connected' | 'clashes';
  message: string;
  clashes: CodeClash[];
  pushed: number;
  pulled: number;
}

type Keyed = 'suppliers' | 'products';

/**
 * Every supplier and product on the server, read page by page without storing anything yet; each row checked
 * against its type as any pulled row is, since a mapped clash keeps the server's row as this desk's.
 */
async function serverCatalogue(core: Core): Promise<Record<Keyed, WireRow[]>> {
  const out: Record<Keyed, WireRow[]> = { suppliers: [], products: [] };
  let cursor: string | undefined;
  for (;;) {
    const body = {
      device_id: core.deviceId,
      entity_types: ['suppliers', 'products'] satisfies Keyed[],
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    };
    const http = core.httpClient();
    if (!http) throw new AppError('VALIDATION_FAILED', 'No server is configured');
    const page = await core.auth.authed((token) => http.call(ROUTES.pull, body, { token }));
    for (const type of ['suppliers', 'products'] as const) {
      const rows = page.changes[type] ?? [];
      checkServerRows(type, rows);
      out[type].push(...rows);
    }
    cursor = page.cursor;
    if (!page.has_more) return out;
  }
}

/**
 * Records made on this desk that the server already has under another uuid (same code): joining without
 * mapping them would duplicate suppliers. Only records the server has never seen from this desk count.
 */
async function findClashes(core: Core): Promise<CodeClash[]> {
  const catalogue = await serverCatalogue(core);
  const clashes: CodeClash[] = [];
  for (const type of ['suppliers', 'products'] as const) {
    const byCode = new Map(catalogue[type].filter((r) => !r.deleted_at).map((r) => [String(r.code).toLowerCase(), r]));
    const unsent = await core.db
      .selectFrom('outbox')
      .select('entity_uuid')
      .where('entity_type', '=', type)
      .where('operation', '=', 'create')
      .where('status', 'in', ['pending', 'error'])
      .execute();
    const uuids = unsent.map((r) => r.entity_uuid);
    if (uuids.length === 0) continue;
    const local = await core.db.selectFrom(type).select(['uuid', 'code', 'name']).where('uuid', 'in', uuids).execute();
    for (const row of local) {
      const server = byCode.get(row.code.toLowerCase());
      if (server && server.uuid !== row.uuid) {
        clashes.push({
          entity_type: type,
          code: row.code,
          local_uuid: row.uuid,
          local_name: row.name,
          server_uuid: server.uuid,
          server_name: String(server.name),
          server_row: server,
        });
      }
    }
  }
  return clashes;
}

/**
 * Maps this desk's records onto the server's (same code, other uuid): the server's record is kept, this desk's
 * collections, payments and rates are moved onto it, and the desk's own create of the duplicate is dropped —
 * all in one transaction, with an audit entry per mapping.
 */
async function mapClashes(core: Core, clashes: CodeClash[]): Promise<void> {
  await core.ctx.write(async (trx) => {
    for (const clash of clashes) {
      const { local_uuid: from, server_uuid: to, entity_type: type } = clash;
      core.ctx.rows.upsert(type, [clash.server_row], 'synced');
      for (const { type: table, field } of referrersOf(type)) core.ctx.rows.relink(table, field, from, to);
      const ops = await trx
        .selectFrom('outbox')
        .select(['id', 'payload', 'entity_uuid'])
        .where('status', 'in', ['pending', 'error'])
        .execute();
      for (const op of ops) {
        if (op.entity_uuid === from) {
          await trx
            .updateTable('outbox')
            .set({
              status: 'discarded',
              last_error: outboxNote('MAPPED', `Mapped onto the server's ${type} ${clash.code}`),
              updated_at: core.ctx.now(),
            })
            .where('id', '=', op.id)
            .execute();
        } else if (op.payload.includes(from)) {
          await trx
            .updateTable('outbox')
            .set({ payload: op.payload.split(from).join(to) })
            .where('id', '=', op.id)
            .execute();
        }
      }
      core.ctx.rows.remove(type, from);
      await trx
        .insertInto('audit')
        .values({
          at: core.ctx.now(),
          user_id: core.ctx.session()?.userId ?? null,
          entity_type: type,
          entity_uuid: from,
          action: 'map',
          before: JSON.stringify({ uuid: from, name: clash.local_name }),
          after: JSON.stringify({ uuid: to, code: clash.code, name: clash.server_name }),
        })
        .execute();
    }
  });
}

/**
 * Connects a desk to a server (first run, or a single-desk office getting a server later): checks the server,
 * signs in, refuses to push anything that would duplicate the server's suppliers or products, then pushes
 * every local record through the normal outbox and pulls the rest.
 */
export async function connectDesk(
  core: Core,
  input: { serverUrl: string; email: string; password: string },
  options: { autoMap?: boolean } = {},
): Promise<ConnectResult> {
  const health = await checkServer(input.serverUrl);
  if (!health.ok) throw new AppError('UNAVAILABLE', health.message);
  const previousMode = await readState(core.db, SYNC_KEYS.mode);
  // Until the check passes the desk stays local: no trigger may push in between.
  await writeState(core.db, SYNC_KEYS.mode, 'connecting');
  try {
    await core.setServerUrl(input.serverUrl);
    await core.auth.login(input.email, input.password, 'CollectPay desk');
    const clashes = await findClashes(core);
    if (clashes.length && !options.autoMap) {
      return {
        status: 'clashes',
        message: `${clashes.length} record(s) on this desk have codes the server already uses for other records. Map them before joining; nothing was sent.`,
        clashes,
        pushed: 0,
        pulled: 0,
      };
    }
    if (clashes.length) await mapClashes(core, clashes);
    await writeState(core.db, SYNC_KEYS.mode, 'server');
    const result = await core.engine.sync('login');
    if (result.outcome === 'error' || result.outcome === 'auth_required')
      throw new AppError('UNAVAILABLE', result.message ?? 'The first sync failed; try again');
    return {
      status: 'connected',
      message: `Connected: sent ${result.pushed}, received ${result.pulled}.`,
      clashes: [],
      pushed: result.pushed,
      pulled: result.pulled,
    };
  } catch (error) {
    if ((await readState(core.db, SYNC_KEYS.mode)) === 'connecting')
      await writeState(core.db, SYNC_KEYS.mode, previousMode ?? 'local');
    throw error;
  } finally {
    if ((await readState(core.db, SYNC_KEYS.mode)) === 'connecting')
      await writeState(core.db, SYNC_KEYS.mode, previousMode ?? 'local');
  }
}
