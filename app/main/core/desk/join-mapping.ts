import type { Transaction } from 'kysely';
import { codeKey, parseInput, referrersOf, validationError, type WireRow } from '../../../../shared';
import { ClashDecisionSchema, type ClashDecision } from '../../../../shared/ipc/inputs';
import type { CodeClash } from '../../../../shared/ipc/types';
import type { Core } from '../create-core';
import type { LocalDatabase } from '../db/schema';
import { outboxNote } from '../sync/outbox-note';
import type { Keyed } from './join-clashes';

type Trx = Transaction<LocalDatabase>;
type Planned = { clash: CodeClash; decision: ClashDecision };

const DecisionsSchema = ClashDecisionSchema.array();

/**
 * Pairs each clash with the user's decision. Clashes left undecided are returned (nothing is written then);
 * a new code is refused, naming its field, unless it is free on the server's list and on this desk.
 */
export async function planDecisions(
  core: Core,
  clashes: CodeClash[],
  input: readonly ClashDecision[],
  catalogue: Record<Keyed, WireRow[]>,
): Promise<{ planned: Planned[]; undecided: CodeClash[] }> {
  const decisions = parseInput(DecisionsSchema, input);
  const byUuid = new Map(decisions.map((d) => [d.local_uuid, d]));
  const planned: Planned[] = [];
  const undecided: CodeClash[] = [];
  for (const clash of clashes) {
    const decision = byUuid.get(clash.local_uuid);
    if (decision) planned.push({ clash, decision });
    else undecided.push(clash);
  }
  const taken = new Map<string, string>();
  const errors: Record<string, string> = {};
  for (const [i, decision] of decisions.entries()) {
    if (decision.action !== 'recode') continue;
    const clash = clashes.find((c) => c.local_uuid === decision.local_uuid);
    if (!clash) continue;
    const key = codeKey(decision.code);
    const field = `decisions.${i}.code`;
    // Deleted rows keep their code on the server (the column is unique), so they count as taken too.
    const onServer = catalogue[clash.entity_type].find((r) => codeKey(String(r.code)) === key);
    const here = await core.db
      .selectFrom(clash.entity_type)
      .select(['uuid', 'name'])
      .where((eb) => eb(eb.fn('lower', ['code']), '=', key))
      .where('uuid', '!=', clash.local_uuid)
      .executeTakeFirst();
    if (onServer) errors[field] = `${decision.code} is already used on the server (${String(onServer.name)})`;
    else if (here) errors[field] = `${decision.code} is already used on this desk (${here.name})`;
    else if (taken.has(`${clash.entity_type}:${key}`)) errors[field] = `${decision.code} is given to two records`;
    taken.set(`${clash.entity_type}:${key}`, decision.local_uuid);
  }
  if (Object.keys(errors).length) throw validationError(errors);
  return { planned, undecided };
}

/** Every decision in one transaction, with an audit entry per record: merges and new codes alike. */
export async function applyDecisions(core: Core, planned: Planned[]): Promise<void> {
  await core.ctx.write(async (trx) => {
    for (const { clash, decision } of planned) {
      if (decision.action === 'recode') await recode(core, trx, clash, decision.code);
      else await merge(core, trx, clash);
    }
  });
}

/** A different record that happens to share the code: it keeps its uuid and work and goes out under a free code. */
async function recode(core: Core, trx: Trx, clash: CodeClash, code: string): Promise<void> {
  const { entity_type: type, local_uuid: uuid } = clash;
  core.ctx.rows.patch(type, uuid, { code });
  const ops = await pendingOps(trx).where('entity_uuid', '=', uuid).execute();
  for (const op of ops) {
    const payload = JSON.parse(op.payload) as Record<string, unknown>;
    if (typeof payload.code !== 'string') continue;
    payload.code = code;
    await trx
      .updateTable('outbox')
      .set({ payload: JSON.stringify(payload) })
      .where('id', '=', op.id)
      .execute();
  }
  await audit(
    core,
    trx,
    type,
    uuid,
    'recode',
    { code: clash.code, name: clash.local_name },
    { code, name: clash.local_name },
  );
}

/**
 * The same record: the server's is kept, this desk's collections and payments move onto it, and the desk's own
 * create of the duplicate is dropped. A merged product's rates and pricing rules made here are not sent — the
 * office's apply, and sending them would re-price every desk — but stay in the outbox as discarded, saying why.
 */
async function merge(core: Core, trx: Trx, clash: CodeClash): Promise<void> {
  const { local_uuid: from, server_uuid: to, entity_type: type } = clash;
  if (type === 'products') await keepLocalPricing(core, trx, clash);
  core.ctx.rows.upsert(type, [clash.server_row], 'synced');
  for (const { type: table, field } of referrersOf(type)) core.ctx.rows.relink(table, field, from, to);
  const ops = await pendingOps(trx).execute();
  for (const op of ops) {
    if (op.entity_uuid === from) {
      await discard(core, trx, op.id, `Mapped onto the server's ${type} ${clash.code}`);
    } else if (op.payload.includes(from)) {
      await trx
        .updateTable('outbox')
        .set({ payload: op.payload.split(from).join(to) })
        .where('id', '=', op.id)
        .execute();
    }
  }
  core.ctx.rows.remove(type, from);
  await audit(
    core,
    trx,
    type,
    from,
    'map',
    { uuid: from, name: clash.local_name },
    {
      uuid: to,
      code: clash.code,
      name: clash.server_name,
    },
  );
}

/** Discards (with a note) the unsent rates and pricing rules of a product merged onto the office's. */
async function keepLocalPricing(core: Core, trx: Trx, clash: CodeClash): Promise<void> {
  const why = `Not sent: ${clash.code} on this computer was merged onto the office's ${clash.code} (${clash.server_name}); the office's rates apply, and this one would re-price every desk`;
  for (const table of ['product_rates', 'pricing_rules'] as const) {
    const rows = await trx.selectFrom(table).select('uuid').where('product_uuid', '=', clash.local_uuid).execute();
    if (rows.length === 0) continue;
    const uuids = rows.map((r) => r.uuid);
    const ops = await pendingOps(trx).where('entity_uuid', 'in', uuids).execute();
    for (const op of ops) await discard(core, trx, op.id, why);
    for (const uuid of uuids) {
      core.ctx.rows.remove(table, uuid);
      await audit(core, trx, table, uuid, 'discard', null, { reason: why });
    }
  }
}

function pendingOps(trx: Trx) {
  return trx
    .selectFrom('outbox')
    .select(['id', 'payload', 'entity_uuid'])
    .where('status', 'in', ['pending', 'error'])
    .orderBy('id');
}

async function discard(core: Core, trx: Trx, id: number, message: string): Promise<void> {
  await trx
    .updateTable('outbox')
    .set({ status: 'discarded', last_error: outboxNote('MAPPED', message), updated_at: core.ctx.now() })
    .where('id', '=', id)
    .execute();
}

async function audit(
  core: Core,
  trx: Trx,
  type: string,
  uuid: string,
  action: 'map' | 'recode' | 'discard',
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): Promise<void> {
  await trx
    .insertInto('audit')
    .values({
      at: core.ctx.now(),
      user_id: core.ctx.session()?.userId ?? null,
      entity_type: type,
      entity_uuid: uuid,
      action,
      before: before ? JSON.stringify(before) : null,
      after: JSON.stringify(after),
    })
    .execute();
}
