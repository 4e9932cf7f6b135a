import { AppError, lineOrder } from '../../../../shared';
import type { Handlers } from '../../../../shared/ipc/contract';
import type { payRunChannels } from '../../../../shared/ipc/pay-runs-contract';
import { payslipRun, payslipsHtml } from '../reports/payslips/payslip';
import type { HandlerEnv } from './handler-env';

/** The IPC handlers of the pay-run screens: charges, supplier credit, settlement runs. */
export function payRunHandlers(env: HandlerEnv) {
  const { core, settings, printer, reportContext } = env;
  return {
    'charges.list': () => core.charges.list(),
    'charges.create': (input) => core.charges.createParsed(input),
    'charges.remove': ({ uuid }) => core.charges.remove(uuid),
    'credits.list': ({ supplier_uuid }) => core.credits.listForSupplier(supplier_uuid),
    'credits.create': (input) => core.credits.createParsed(input),
    'settlements.list': () => core.settlements.list(),
    'settlements.show': ({ uuid }) => core.settlements.show(uuid),
    'settlements.ofSupplier': ({ supplier_uuid }) => core.settlements.ofSupplier(supplier_uuid),
    'settlements.create': (input) => core.settlements.create(input),
    'settlements.recompute': ({ uuid }) => core.settlements.recompute(uuid),
    'settlements.approve': ({ uuid }) => core.settlements.approve(uuid),
    async 'settlements.payoutFile'({ uuid, format }) {
      const view = await core.settlements.show(uuid);
      const file = await core.settlements.payoutFile(uuid, format, settings.get().currency);
      return { ...file, fileName: `${view.run.code}-${format}.csv` };
    },
    'sync.adjust': ({ op_id }) => core.adjustments.adjust(op_id),
    'settlements.importResults': ({ uuid, text }) => core.settlements.importPayoutResults(uuid, text),
    /**
     * The payslips of a run (or of one supplier in it) as one PDF through the desk's printer. The headless
     * `report payslips` streams a chunk of suppliers at a time for very large runs.
     */
    async 'settlements.savePayslips'({ uuid, supplier_uuid }) {
      const view = await core.settlements.show(uuid);
      const lines = view.lines.filter((l) => !supplier_uuid || l.supplier_uuid === supplier_uuid).sort(lineOrder);
      if (lines.length === 0) throw new AppError('NOT_FOUND', `Run ${view.run.code} has no payslip for that supplier`);
      const run = payslipRun(view, lines);
      const { html } = payslipsHtml(run, lines, reportContext());
      const who = lines.length === 1 ? `-${lines[0]!.supplier_code}` : '';
      return printer.savePdf(html, {
        paper: settings.get().paperSize,
        fileName: `payslips-${view.run.code}${who}.pdf`,
      });
    },
  } satisfies Pick<Handlers, keyof typeof payRunChannels>;
}
