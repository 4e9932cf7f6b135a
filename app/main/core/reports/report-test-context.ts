import type { ReportContext } from './reports';

/** The company, paper and signature the report tests print with (dollars unless a test asks otherwise). */
export function reportContext(overrides: Partial<ReportContext> = {}): ReportContext {
  return {
    company: { name: 'Kericho Tea Buyers Ltd', address: 'P.O. Box 12, Kericho' },
    money: { currency: 'USD', locale: 'en-US' },
    paper: 'A4',
    printedBy: 'Otieno Supervisor',
    printedAt: '2026-11-26 08:00',
    ...overrides,
  };
}
