import {
  AppError,
  decodeSettlementLine,
  notFound,
  parseInput,
  ROUTES,
  SettlementRunCreateSchema,
  SupplierPayoutDetailsSchema,
  uuidField,
  type BonusRate,
  type DeductionTotal,
  type PayoutResultRow,
  type SettlementRunAnswer,
  type SettlementRunCreate,
  type SettlementRunRow,
  type SupplierPayoutDetails,
} from '../../../../shared';
import type { SettlementRunView, SupplierRunLine } from '../../../../shared/ipc/pay-runs-contract';
import type { AuthService } from '../auth/auth-service';
import { fromStored } from '../db/row-codec';
import { payoutCsv, type PayoutFile, type PayoutFormat } from '../io/payout-files';
import { readPayoutResults } from '../io/payout-results-import';
import { storeServerRows } from '../sync/apply-remote';
import { SyncHttpError, type HttpClient } from '../sync/http-client';
import type { CoreContext } from './context';

type ServerRunView = SettlementRunAnswer;

/**
 * Settlement runs on a desk: the server computes, recomputes, approves and records payouts (only it sees every
 * desk's records), and the rows it answers with are stored here read-only, as a pull would; reading a run, its
 * payout file and its payslips work from the stored rows, offline too.
 */
export function createSettlementsService(ctx: CoreContext, auth: AuthService, http: () => HttpClient | null) {
  const { db } = ctx;

  async function online<T>(what: string, request: (client: HttpClient, token: string) => Promise<T>): Promise<T> {
    const client = http();
    if (!client)
      throw new AppError(
        'UNAVAILABLE',
        `${what} needs the office server (runs are computed there); none is configured`,
      );
    try {
      return await auth.authed((token) => request(client, token));
    } catch (error) {
      if (!(error instanceof SyncHttpError)) throw error;
      if (error.kind === 'network')
        throw new AppError(
          'UNAVAILABLE',
          `${what} needs the office server, which cannot be reached now (runs are computed there); try again when online`,
        );
      throw new AppError((error.code || 'VALIDATION_FAILED') as AppError['code'], error.message, error.fields);
    }
  }

  async function store(answer: ServerRunView): Promise<SettlementRunView> {
    await ctx.write(async (trx) => {
      await storeServerRows(trx, ctx.rows, 'settlement_runs', [answer.run]);
      await storeServerRows(trx, ctx.rows, 'settlement_lines', [...(answer.removed ?? []), ...answer.lines]);
    });
    return show(answer.run.uuid);
  }

  async function show(uuid: string): Promise<SettlementRunView> {
    parseInput(uuidField, uuid);
    const stored = await db.selectFrom('settlement_runs').selectAll().where('uuid', '=', uuid).executeTakeFirst();
    if (!stored || stored.deleted_at) throw notFound(`Settlement run ${uuid}`);
    const run = fromStored('settlement_runs', stored);
    const lines = await db
      .selectFrom('settlement_lines')
      .selectAll()
      .where('run_uuid', '=', uuid)
      .where('deleted_at', 'is', null)
      .orderBy('route')
      .orderBy('supplier_code')
      .execute();
    return {
      run: {
        ...run,
        bonus_rates: JSON.parse(run.bonus_rates_json) as BonusRate[],
        by_deduction: JSON.parse(run.by_deduction_json) as DeductionTotal[],
      },
      lines: lines.map((stored) => {
        const row = fromStored('settlement_lines', stored);
        return {
          ...decodeSettlementLine(row),
          uuid: row.uuid,
          payout_reference: row.payout_reference,
          payout_status: row.payout_status,
          payout_provider_reference: row.payout_provider_reference,
          payout_message: row.payout_message,
          paid_at: row.paid_at,
        };
      }),
    };
  }

  /** A run by its uuid or its code. */
  async function find(idOrCode: string): Promise<SettlementRunView> {
    if (uuidField.safeParse(idOrCode).success) return show(idOrCode);
    const stored = await db
      .selectFrom('settlement_runs')
      .select('uuid')
      .where('code', '=', idOrCode)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!stored) throw notFound(`Settlement run ${idOrCode}`);
    return show(stored.uuid);
  }

  function requireApproved(view: SettlementRunView, doing: string): void {
    if (view.run.status === 'draft')
      throw new AppError('VALIDATION_FAILED', `Run ${view.run.code} is still a draft; approve it before ${doing}`);
  }

  return {
    show,
    find,

    /** The runs a supplier has a line in, newest first (their payslips, from the supplier's screen). */
    async ofSupplier(supplierUuid: string): Promise<SupplierRunLine[]> {
      parseInput(uuidField, supplierUuid);
      return db
        .selectFrom('settlement_lines as l')
        .innerJoin('settlement_runs as r', 'r.uuid', 'l.run_uuid')
        .select([
          'r.uuid as run_uuid',
          'r.code',
          'r.name',
          'r.status',
          'r.period_from',
          'r.period_to',
          'l.net_minor',
          'l.payout_status',
        ])
        .where('l.supplier_uuid', '=', supplierUuid)
        .where('l.deleted_at', 'is', null)
        .where('r.deleted_at', 'is', null)
        .orderBy('r.period_to', 'desc')
        .execute() as Promise<SupplierRunLine[]>;
    },

    async list(): Promise<SettlementRunRow[]> {
      const rows = await db
        .selectFrom('settlement_runs')
        .selectAll()
        .where('deleted_at', 'is', null)
        .orderBy('period_from', 'desc')
        .orderBy('code')
        .execute();
      return rows.map((r) => fromStored('settlement_runs', r));
    },

    /** Asks the server to compute a draft run of a period (validated here first, and again there). */
    async create(input: SettlementRunCreate): Promise<SettlementRunView> {
      const request = parseInput(SettlementRunCreateSchema, input);
      return store(
        await online('Computing a settlement run', (c, token) =>
          c.call(ROUTES.createSettlementRun, request, { token }),
        ),
      );
    },

    async recompute(idOrCode: string): Promise<SettlementRunView> {
      const { run } = await find(idOrCode);
      return store(
        await online('Recomputing a settlement run', (c, token) =>
          c.call(ROUTES.recomputeSettlementRun, {}, { token, params: { id: run.uuid } }),
        ),
      );
    },

    async approve(idOrCode: string): Promise<SettlementRunView> {
      const { run } = await find(idOrCode);
      return store(
        await online('Approving a settlement run', (c, token) =>
          c.call(ROUTES.approveSettlementRun, {}, { token, params: { id: run.uuid } }),
        ),
      );
    },

    /** A bank or mobile-money bulk file of the approved run's lines still to pay. */
    async payoutFile(idOrCode: string, format: PayoutFormat, currency: string): Promise<PayoutFile> {
      const view = await find(idOrCode);
      requireApproved(view, 'paying it');
      const suppliers = await db
        .selectFrom('suppliers')
        .select(['uuid', 'payout_method', 'bank_account_name', 'bank_account_number', 'bank_code', 'mobile_phone'])
        .where(
          'uuid',
          'in',
          view.lines.map((l) => l.supplier_uuid),
        )
        .execute();
      const details = new Map<string, SupplierPayoutDetails>();
      for (const { uuid, ...d } of suppliers) {
        const parsed = SupplierPayoutDetailsSchema.safeParse(d);
        if (parsed.success) details.set(uuid, parsed.data);
      }
      return payoutCsv(format, { run: { code: view.run.code, lines: view.lines }, details, currency });
    },

    /** Reads a payout result file whole (every bad line named, nothing applied) and records it on the server. */
    async importPayoutResults(idOrCode: string, text: string): Promise<SettlementRunView> {
      const view = await find(idOrCode);
      requireApproved(view, 'recording payouts');
      const read = readPayoutResults(
        text,
        view.lines.map((l) => l.payout_reference),
      );
      if (!read.ok) {
        const fields = Object.fromEntries(
          read.rejected.flatMap((p) => Object.entries(p.reasons).map(([f, m]) => [`line ${p.line} ${f}`, m])),
        );
        throw new AppError('VALIDATION_FAILED', 'The result file was not applied: some lines are wrong', fields);
      }
      const results: PayoutResultRow[] = read.results.map(({ line: _line, ...r }) => r);
      return store(
        await online('Recording payout results', (c, token) =>
          c.call(ROUTES.recordPayoutResults, { results }, { token, params: { id: view.run.uuid } }),
        ),
      );
    },
  };
}

export type { SettlementRunView };
