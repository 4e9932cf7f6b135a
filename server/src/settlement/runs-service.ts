import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import {
  AppError,
  encodeSettlementLine,
  newId,
  notFound,
  parseInput,
  payoutReference,
  PayoutResultsBodySchema,
  SettlementRunCreateSchema,
  validationError,
  type SettlementResult,
  type SettlementRunRequest,
  type WireRow,
} from '../../../shared';
import type { ServerDatabase } from '../db/schema';
import { entityTable } from '../db/entity-table';
import { requireCan, type AccessClaims } from '../plugins/auth';
import { fromDb, toWire, type ServerRow } from '../sync/rows';
import { withSeqClock } from '../sync/seq-clock';
import { computeRun } from './compute-run';
import { broughtForward, chargeTerms, creditTerms, overlappingClosedRun, routeExists } from './run-inputs';
import { ServerWriter } from './run-rows';

type Trx = Transaction<ServerDatabase>;

export interface RunsDeps {
  db: Kysely<ServerDatabase>;
  orgTimeZone: string;
  /** Tells the live channel a change committed. */
  onCommitted?: (seq: number) => void;
}

/** A run and its live lines as desks store them (read-only rows); a recompute also returns the lines it replaced. */
export interface RunView {
  run: WireRow;
  lines: WireRow[];
  removed?: WireRow[];
}

function defaultCode(request: SettlementRunRequest): string {
  const route = request.route.replace(/[^A-Za-z0-9]+/g, '').slice(0, 10);
  return [`PR${request.period_from.replace(/-/g, '')}`, request.period_to.replace(/-/g, '').slice(2), route]
    .filter(Boolean)
    .join('-');
}

async function loadRun(trx: Trx, uuid: string, forUpdate: boolean): Promise<{ run: ServerRow; lines: ServerRow[] }> {
  parseInput(z.uuid({ error: 'must be a UUID' }), uuid);
  let query = entityTable(trx, 'settlement_runs').selectFrom().selectAll().where('uuid', '=', uuid);
  if (forUpdate) query = query.forUpdate();
  const found = await query.executeTakeFirst();
  if (!found || found.deleted_at) throw notFound(`Settlement run ${uuid}`);
  const lines = await entityTable(trx, 'settlement_lines')
    .selectFrom()
    .selectAll()
    .where('run_uuid', '=', uuid)
    .where('deleted_at', 'is', null)
    .execute();
  return {
    run: fromDb('settlement_runs', found),
    lines: lines.map((l) => fromDb('settlement_lines', l)),
  };
}

/** The run over the master's records now, with the charges, credit balances and carried amounts in force. */
async function compute(deps: RunsDeps, request: SettlementRunRequest): Promise<SettlementResult> {
  const [charges, credits, brought] = [
    await chargeTerms(deps.db),
    await creditTerms(deps.db),
    await broughtForward(deps.db),
  ];
  return computeRun(deps.db, {
    kind: request.kind,
    period: { from: request.period_from, to: request.period_to },
    orgTimeZone: deps.orgTimeZone,
    route: request.route,
    product_uuid: request.product_uuid,
    charges,
    credits,
    brought_forward: brought,
    bonus_rates: request.bonus_rates,
  });
}

function runFigures(result: SettlementResult) {
  const { by_deduction, ...totals } = result.totals;
  return { ...totals, by_deduction_json: JSON.stringify(by_deduction) };
}

function lineValues(runUuid: string, runCode: string, line: SettlementResult['lines'][number]) {
  return {
    run_uuid: runUuid,
    ...encodeSettlementLine(line),
    payout_reference: payoutReference(runCode, line.supplier_code),
    payout_status: 'pending',
    payout_provider_reference: '',
    payout_message: '',
    paid_at: null,
  };
}

/** Writes through the sync clock so desks pull the rows; tells the live channel once committed. */
async function write<T>(
  deps: RunsDeps,
  claims: AccessClaims,
  work: (trx: Trx, writer: ServerWriter) => Promise<T>,
): Promise<T> {
  const done = await deps.db.transaction().execute(async (trx) => {
    const clocked = await withSeqClock(trx, async (state) => {
      const writer = new ServerWriter(state, claims, new Date().toISOString());
      const result = await work(trx, writer);
      await writer.writeAudit(trx);
      return result;
    });
    return clocked;
  });
  if (done.wrote) deps.onCommitted?.(done.lastSeq);
  return done.result;
}

const view = (run: ServerRow, lines: ServerRow[]): RunView => ({
  run: toWire(run),
  lines: lines.filter((l) => !l.deleted_at).map(toWire),
});

/** Computes a run for a period as a draft. */
export async function createRun(deps: RunsDeps, claims: AccessClaims, body: unknown): Promise<RunView> {
  requireCan(claims, 'settlements.run');
  const request = parseInput(SettlementRunCreateSchema, body);
  const code = request.code ?? defaultCode(request);
  const name =
    request.name ??
    `Pay run ${request.period_from} to ${request.period_to}${request.route ? `, ${request.route}` : ''}`;
  // A route nobody is on would make an empty run that looks computed: refused, naming the field.
  if (request.route && !(await routeExists(deps.db, request.route)))
    throw validationError({ route: 'no such route' }, 'Route: no such route');
  await refuseClosedPeriod(deps.db, request);
  const result = await compute(deps, request);
  return write(deps, claims, async (trx, writer) => {
    const taken = await entityTable(trx, 'settlement_runs')
      .selectFrom()
      .select('uuid')
      .where('code', '=', code)
      .executeTakeFirst();
    if (taken)
      throw new AppError('VALIDATION_FAILED', `code ${code} is already used by another settlement run`, {
        code: 'is already used by another settlement run',
      });
    const uuid = request.uuid ?? newId();
    const run = writer.insert('settlement_runs', uuid, {
      code,
      name,
      kind: request.kind,
      period_from: request.period_from,
      period_to: request.period_to,
      route: request.route,
      product_uuid: request.product_uuid,
      bonus_rates_json: JSON.stringify(request.bonus_rates),
      status: 'draft',
      computed_at: new Date().toISOString(),
      approved_at: null,
      approved_by: null,
      ...runFigures(result),
    });
    const lines = result.lines.map((line) => writer.insert('settlement_lines', newId(), lineValues(uuid, code, line)));
    writer.note('settlement_runs', 'compute', null, run);
    return view(run, lines);
  });
}

/**
 * A regular run may not overlap an approved one for the same suppliers: creating, recomputing and approving all
 * refuse alike, naming `period_from` so a form shows the refusal beside the period whichever was tried.
 */
async function refuseClosedPeriod(
  db: Kysely<ServerDatabase> | Trx,
  request: SettlementRunRequest,
  exceptUuid?: string,
): Promise<void> {
  if (request.kind !== 'regular') return;
  const closed = await overlappingClosedRun(db, {
    from: request.period_from,
    to: request.period_to,
    route: request.route,
    exceptUuid,
  });
  if (closed)
    throw new AppError(
      'PERIOD_CLOSED',
      `Settlement run ${closed.code} "${closed.name}" already settled ${closed.period_from} to ${closed.period_to}; a run cannot overlap it`,
      { period_from: `overlaps settlement run ${closed.code}` },
    );
}

function requestOf(run: ServerRow): SettlementRunRequest {
  return {
    code: run.code as string,
    name: run.name as string,
    kind: run.kind as SettlementRunRequest['kind'],
    period_from: run.period_from as string,
    period_to: run.period_to as string,
    route: run.route as string,
    product_uuid: run.product_uuid as string | null,
    bonus_rates: JSON.parse(run.bonus_rates_json as string) as SettlementRunRequest['bonus_rates'],
  };
}

function requireDraft(run: ServerRow, doing: string): void {
  if (run.status !== 'draft')
    throw new AppError(
      'VALIDATION_FAILED',
      `Settlement run ${String(run.code)} is ${String(run.status)}; only a draft can be ${doing}`,
      {
        status: `is ${String(run.status)}`,
      },
    );
}

/** Computes a draft again over the records as they are now; its lines are replaced. */
export async function recomputeRun(deps: RunsDeps, claims: AccessClaims, uuid: string): Promise<RunView> {
  requireCan(claims, 'settlements.run');
  const first = await deps.db.transaction().execute((trx) => loadRun(trx, uuid, false));
  requireDraft(first.run, 'recomputed');
  const result = await compute(deps, requestOf(first.run));
  return write(deps, claims, async (trx, writer) => {
    const { run: current, lines: old } = await loadRun(trx, uuid, true);
    requireDraft(current, 'recomputed');
    // Checked here, holding the sync clock, so a run approved meanwhile is seen (as approveRun sees it).
    await refuseClosedPeriod(trx, requestOf(current), uuid);
    const removed = old.map((line) => writer.remove('settlement_lines', line));
    const code = current.code as string;
    const run = writer.update('settlement_runs', current, {
      computed_at: new Date().toISOString(),
      ...runFigures(result),
    });
    const lines = result.lines.map((line) => writer.insert('settlement_lines', newId(), lineValues(uuid, code, line)));
    writer.note('settlement_runs', 'recompute', current, run);
    return { ...view(run, lines), removed: removed.map(toWire) };
  });
}

/**
 * Approves a draft exactly as it was reviewed: holding the sync clock (so no push commits meanwhile) the run is
 * computed again, and if the period's records changed since the draft the approval is refused. Once approved the
 * run never changes and its period is closed for its suppliers.
 */
export async function approveRun(deps: RunsDeps, claims: AccessClaims, uuid: string): Promise<RunView> {
  requireCan(claims, 'settlements.approve');
  return write(deps, claims, async (trx, writer) => {
    const { run: current, lines } = await loadRun(trx, uuid, true);
    requireDraft(current, 'approved');
    const request = requestOf(current);
    await refuseClosedPeriod(trx, request, uuid);
    const now = await compute(deps, request);
    const stored = new Map(lines.map((l) => [l.supplier_uuid as string, l]));
    const differs =
      now.lines.length !== lines.length ||
      now.lines.some((line) => {
        const row = stored.get(line.supplier_uuid);
        if (!row) return true;
        const encoded = encodeSettlementLine(line) as unknown as Record<string, unknown>;
        return Object.keys(encoded).some((k) => encoded[k] !== row[k]);
      });
    if (differs)
      throw new AppError(
        'VERSION_MISMATCH',
        `The records of ${request.period_from} to ${request.period_to} changed since run ${request.code} was computed; recompute it and review it again before approving`,
      );
    const run = writer.update('settlement_runs', current, {
      status: 'approved',
      approved_at: new Date().toISOString(),
      approved_by: claims.sub,
    });
    writer.note('settlement_runs', 'approve', current, run);
    return view(run, lines);
  });
}

/**
 * Records what the bank or provider did with each line (by payout reference): paid (with the provider's
 * reference) or failed (with its message). A failed line can later be recorded paid another way. The run is
 * paid once every line with money to pay is.
 */
export async function recordPayouts(
  deps: RunsDeps,
  claims: AccessClaims,
  uuid: string,
  body: unknown,
): Promise<RunView> {
  requireCan(claims, 'settlements.pay');
  const { results } = parseInput(PayoutResultsBodySchema, body);
  return write(deps, claims, async (trx, writer) => {
    const { run: current, lines } = await loadRun(trx, uuid, true);
    if (current.status === 'draft')
      throw new AppError(
        'VALIDATION_FAILED',
        `Settlement run ${String(current.code)} is a draft; approve it before paying it`,
        { status: 'is draft: approve the run before recording payouts' },
      );
    const byReference = new Map(lines.map((l) => [l.payout_reference as string, l]));
    const problems: Record<string, string> = {};
    results.forEach((r, i) => {
      const line = byReference.get(r.reference);
      if (!line) problems[`results.${i}.reference`] = `${r.reference} is not a line of run ${String(current.code)}`;
      else if (line.payout_status === 'paid' && r.status === 'failed')
        problems[`results.${i}.status`] = `${r.reference} is already paid`;
    });
    if (Object.keys(problems).length)
      throw new AppError('VALIDATION_FAILED', 'Nothing was recorded: some results do not match the run', problems);
    const now = new Date().toISOString();
    const updated = new Map<string, ServerRow>();
    for (const r of results) {
      const line = updated.get(r.reference) ?? byReference.get(r.reference)!;
      updated.set(
        r.reference,
        writer.update('settlement_lines', line, {
          payout_status: r.status,
          payout_provider_reference: r.provider_reference,
          payout_message: r.message,
          paid_at: r.status === 'paid' ? (line.paid_at ?? now) : null,
        }),
      );
    }
    const after = lines.map((l) => updated.get(l.payout_reference as string) ?? l);
    const allPaid = after.every((l) => (l.net_minor as number) === 0 || l.payout_status === 'paid');
    const run = allPaid ? writer.update('settlement_runs', current, { status: 'paid' }) : current;
    writer.note('settlement_runs', 'payout-results', current, run);
    return view(run, after);
  });
}

export async function getRun(deps: RunsDeps, claims: AccessClaims, uuid: string): Promise<RunView> {
  requireCan(claims, 'settlements.run');
  const { run, lines } = await deps.db.transaction().execute((trx) => loadRun(trx, uuid, false));
  return view(run, lines);
}

export async function listRuns(deps: RunsDeps, claims: AccessClaims): Promise<{ runs: WireRow[] }> {
  requireCan(claims, 'settlements.run');
  const rows = await entityTable(deps.db, 'settlement_runs')
    .selectFrom()
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('period_from', 'desc')
    .limit(500)
    .execute();
  return { runs: rows.map((r) => toWire(fromDb('settlement_runs', r))) };
}
