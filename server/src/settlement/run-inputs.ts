import type { Kysely, Transaction } from 'kysely';
import {
  CarriedItemSchema,
  CreditBalanceSchema,
  creditName,
  creditRemaining,
  type BroughtForward,
  type ChargeTerms,
  type CreditTerms,
} from '../../../shared';
import { z } from 'zod';
import type { ServerDatabase } from '../db/schema';

type Db = Kysely<ServerDatabase> | Transaction<ServerDatabase>;

const CarriedList = z.array(CarriedItemSchema);
const CreditList = z.array(CreditBalanceSchema);

/** Lines of approved (or paid) regular runs: what later runs build on. */
function closedLines(db: Db) {
  return db
    .selectFrom('settlement_lines as l')
    .innerJoin('settlement_runs as r', 'r.uuid', 'l.run_uuid')
    .where('r.status', 'in', ['approved', 'paid'])
    .where('r.deleted_at', 'is', null)
    .where('l.deleted_at', 'is', null);
}

/** Every live charge, as the engine reads it (it applies each on the days it is active). */
export async function chargeTerms(db: Db): Promise<ChargeTerms[]> {
  const rows = await db.selectFrom('charges').selectAll().where('deleted_at', 'is', null).execute();
  return rows.map((c) => ({
    uuid: c.uuid,
    code: c.code,
    name: c.name,
    sort_order: Number(c.sort_order),
    kind: c.kind,
    value: Number(c.value),
    product_uuid: c.product_uuid,
    active_from: c.active_from,
    active_to: c.active_to,
  }));
}

/**
 * Every live credit with what remains of it: the principal less each instalment that fell due in an approved
 * run (recovered then, or carried forward — either way it has left the credit's balance). Fully due credits
 * are left out.
 */
export async function creditTerms(db: Db): Promise<CreditTerms[]> {
  const credits = await db.selectFrom('supplier_credits').selectAll().where('deleted_at', 'is', null).execute();
  if (credits.length === 0) return [];
  const lines = await closedLines(db).select('l.credits_json').where('l.credits_json', '!=', '[]').execute();
  const remaining = creditRemaining(
    credits.map((c) => ({ uuid: c.uuid, principal_minor: Number(c.principal_minor) })),
    lines.flatMap((line) => CreditList.parse(JSON.parse(line.credits_json))),
  );
  return credits
    .map((c) => ({
      uuid: c.uuid,
      supplier_uuid: c.supplier_uuid,
      kind: c.kind,
      description: creditName(c),
      instalment_minor: Number(c.instalment_minor),
      remaining_minor: remaining.get(c.uuid)!,
      issued_on: c.issued_on,
    }))
    .filter((c) => c.remaining_minor > 0);
}

/**
 * What each supplier's latest approved run could not recover: the next run brings it forward first. The latest
 * run already brought forward whatever the ones before it carried, so only its line counts.
 */
export async function broughtForward(db: Db): Promise<BroughtForward[]> {
  const lines = await closedLines(db)
    .select(['l.supplier_uuid', 'l.carried_forward_json', 'r.approved_at'])
    .orderBy('r.approved_at')
    .execute();
  const latest = new Map<string, string>();
  for (const line of lines) latest.set(line.supplier_uuid, line.carried_forward_json);
  const items: BroughtForward[] = [];
  for (const [supplier_uuid, json] of latest)
    for (const item of CarriedList.parse(JSON.parse(json))) items.push({ ...item, supplier_uuid });
  return items;
}

/** An approved regular run whose period overlaps this one for the same suppliers (same route, or either all). */
export async function overlappingClosedRun(
  db: Db,
  scope: { from: string; to: string; route: string; exceptUuid?: string },
): Promise<{ code: string; name: string; period_from: string; period_to: string } | undefined> {
  let query = db
    .selectFrom('settlement_runs')
    .select(['code', 'name', 'period_from', 'period_to'])
    .where('status', 'in', ['approved', 'paid'])
    .where('kind', '=', 'regular')
    .where('deleted_at', 'is', null)
    .where('period_from', '<=', scope.to)
    .where('period_to', '>=', scope.from);
  if (scope.route) query = query.where((eb) => eb.or([eb('route', '=', ''), eb('route', '=', scope.route)]));
  if (scope.exceptUuid) query = query.where('uuid', '!=', scope.exceptUuid);
  return query.executeTakeFirst();
}

/**
 * Whether a run's route names a route: a live supplier's region (what the run selects its suppliers by) or a
 * live route's code. Compared as MySQL compares the run's own filter (the column's case-insensitive collation).
 */
export async function routeExists(db: Db, route: string): Promise<boolean> {
  const [supplier, named] = await Promise.all([
    db
      .selectFrom('suppliers')
      .select('uuid')
      .where('region', '=', route)
      .where('deleted_at', 'is', null)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('routes')
      .select('uuid')
      .where('code', '=', route)
      .where('deleted_at', 'is', null)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return Boolean(supplier ?? named);
}
