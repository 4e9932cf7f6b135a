import { AppError, codeKey, ROUTES, type WireRow } from '../../../../shared';
import type { CodeClash } from '../../../../shared/ipc/types';
import type { Core } from '../create-core';
import { checkServerRows } from '../sync/apply-remote';

export type Keyed = CodeClash['entity_type'];

/**
 * Every supplier and product on the server, read page by page without storing anything yet; each row checked
 * against its type as any pulled row is, since a merged clash keeps the server's row as this desk's.
 */
export async function serverCatalogue(core: Core): Promise<Record<Keyed, WireRow[]>> {
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

/** Names compared as a person would: case, spacing and punctuation aside. */
const sameName = (a: string, b: string) => {
  const key = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return key(a) === key(b);
};

async function count(
  core: Core,
  table: 'collections' | 'payments' | 'product_rates' | 'pricing_rules',
  field: string,
  uuid: string,
) {
  const row = await core.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(field as 'uuid', '=', uuid)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A local product's collections priced by a pricing rule: they can only name its own, local, rule versions. */
async function pricedByRule(core: Core, productUuid: string) {
  const row = await core.db
    .selectFrom('collections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('product_uuid', '=', productUuid)
    .where('rule_version_uuid', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** What merging one local record would carry with it, for the confirmation to state exactly. */
async function clashWeight(core: Core, type: Keyed, uuid: string): Promise<Pick<CodeClash, 'moves' | 'local_pricing'>> {
  if (type === 'suppliers')
    return {
      moves: {
        collections: await count(core, 'collections', 'supplier_uuid', uuid),
        payments: await count(core, 'payments', 'supplier_uuid', uuid),
      },
      local_pricing: { rates: 0, rules: 0, priced_by_rule: 0 },
    };
  return {
    moves: { collections: await count(core, 'collections', 'product_uuid', uuid), payments: 0 },
    local_pricing: {
      rates: await count(core, 'product_rates', 'product_uuid', uuid),
      rules: await count(core, 'pricing_rules', 'product_uuid', uuid),
      priced_by_rule: await pricedByRule(core, uuid),
    },
  };
}

/**
 * Records made on this desk that the server already has under another uuid (same code): joining without
 * deciding about them would duplicate suppliers. Only records the server has never seen from this desk count.
 */
export async function findClashes(core: Core, catalogue: Record<Keyed, WireRow[]>): Promise<CodeClash[]> {
  const clashes: CodeClash[] = [];
  for (const type of ['suppliers', 'products'] as const) {
    const byCode = new Map(catalogue[type].filter((r) => !r.deleted_at).map((r) => [codeKey(String(r.code)), r]));
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
      const server = byCode.get(codeKey(row.code));
      if (!server || server.uuid === row.uuid) continue;
      const serverName = String(server.name);
      clashes.push({
        entity_type: type,
        code: row.code,
        local_uuid: row.uuid,
        local_name: row.name,
        server_uuid: server.uuid,
        server_name: serverName,
        server_row: server,
        ...(await clashWeight(core, type, row.uuid)),
        // Another name on the same supplier code is most likely another grower: merging would pay the wrong person.
        suggested: type === 'suppliers' && !sameName(row.name, serverName) ? 'recode' : 'merge',
      });
    }
  }
  return clashes;
}
