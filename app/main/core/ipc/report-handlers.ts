import type { Handlers } from '../../../../shared/ipc/contract';
import { renderReport } from '../reports/reports';
import type { HandlerEnv } from './handler-env';

/** Reports: shown, printed, or saved as PDF, each with the company's name, the paper and who printed it. */
export function reportHandlers(env: HandlerEnv) {
  const { core, settings, printer, reportContext } = env;

  return {
    'reports.render': ({ spec }) => renderReport(core, spec, reportContext()),
    async 'reports.print'({ spec }) {
      const report = await renderReport(core, spec, reportContext());
      const s = settings.get();
      return printer.print(report.html, {
        paper: s.paperSize,
        ...(s.defaultPrinter ? { deviceName: s.defaultPrinter } : {}),
      });
    },
    async 'reports.savePdf'({ spec }) {
      const report = await renderReport(core, spec, reportContext());
      return printer.savePdf(report.html, { paper: settings.get().paperSize, fileName: `${report.fileName}.pdf` });
    },
  } satisfies Pick<Handlers, 'reports.render' | 'reports.print' | 'reports.savePdf'>;
}
