import type { Handlers } from '../../../../shared/ipc/contract';
import { renderReport, type ReportContext } from '../reports/reports';
import type { HandlerEnv } from './handler-env';

/** Reports: shown, printed, or saved as PDF, each with the company's name, the paper and who printed it. */
export function reportHandlers(env: HandlerEnv) {
  const { core, settings, printer } = env;

  function reportContext(): ReportContext {
    const s = settings.get();
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: core.ctx.orgTimeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return {
      company: { name: s.companyName, address: s.companyAddress },
      money: { currency: s.currency, locale: s.locale },
      paper: s.paperSize,
      printedBy: core.auth.current?.name ?? 'unknown user',
      printedAt: format.format(new Date(core.ctx.now())).replace(',', ''),
    };
  }

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
