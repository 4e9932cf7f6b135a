import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../shared';
import { MemorySecretStore } from '../../app/main/core/auth/secret-store';
import { createCore, type Core, type CoreOptions } from '../../app/main/core/create-core';
import { exportAll } from '../../app/main/core/io/export';
import { entityTable } from '../../server/src/db/entity-table';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../../server/src/db/schema';
import { fromDb, toWire } from '../../server/src/sync/rows';
import { startHarness, type Harness } from '../../server/test/harness';
import { ENTITY_TYPES, type EntityType } from '../../shared';

export const PASSWORD = 'correct horse battery';

interface Network {
  online: boolean;
}

/**
 * Desks (real cores on SQLite files in `dir`) for the server at `url`, signed in as `<role>@example.com`; each
 * desk's network can be switched off: its fetch then fails like a pulled cable.
 */
export function deskFactory(url: string, dir: string) {
  const desks: Core[] = [];
  let n = 0;
  async function desk(role: Role = 'clerk', options: Partial<CoreOptions> = {}) {
    const network: Network = { online: true };
    const core = await createCore({
      filename: join(dir, `desk-${++n}.sqlite`),
      serverUrl: options.serverUrl ?? url,
      secrets: new MemorySecretStore(),
      fetch: (input, init) =>
        network.online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed: network is down')),
      engine: { setTimer: () => null, clearTimer: () => undefined },
      ...options,
    });
    desks.push(core);
    await core.auth.login(`${role}@example.com`, PASSWORD);
    return Object.assign(core, { network });
  }
  return {
    desk,
    async closeAll() {
      for (const core of desks) await core.close().catch(() => undefined);
    },
  };
}

/** A server on a random port over its own throwaway database, and desks for it. */
export async function startOffice(overrides: Parameters<typeof startHarness>[0] = {}) {
  const harness: Harness = await startHarness(overrides);
  await harness.app.listen({ port: 0, host: '127.0.0.1' });
  const address = harness.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const dir = mkdtempSync(join(tmpdir(), 'collectpay-office-'));
  const desks = deskFactory(url, dir);

  return {
    harness,
    url,
    dir,
    desk: desks.desk,
    async close() {
      await desks.closeAll();
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Syncs every desk until a full round changes nothing anywhere. */
export async function syncUntilQuiet(desks: Core[], maxRounds = 10): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    let moved = 0;
    for (const desk of desks) {
      const result = await desk.engine.sync('manual');
      if (result.outcome === 'error' || result.outcome === 'auth_required')
        throw new Error(`sync failed: ${result.message}`);
      moved += result.pushed + result.conflicts;
    }
    if (moved === 0 && round > 0) return;
  }
  throw new Error('desks did not become quiet');
}

/** The server's rows in the same shape and order as a desk's export. */
export async function serverExport(harness: Harness) {
  return exportServerDb(harness.test.db);
}

/** The rows of a server database (any Galera node of it) in the shape and order of a desk's export. */
export async function exportServerDb(db: Kysely<ServerDatabase>) {
  const out = {} as Record<EntityType, Record<string, unknown>[]>;
  for (const type of ENTITY_TYPES) {
    const rows = await entityTable(db, type).selectFrom().selectAll().orderBy('uuid').execute();
    out[type] = rows.map((row) => {
      const wire = toWire(fromDb(type, row)) as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(wire)
          .sort()
          .map((k) => [k, wire[k]]),
      );
    });
  }
  return out;
}

export { exportAll };
