import type { BenchFigure } from './figure';
import { csvImportFigure } from './figures/csv-import';
import { deskPushFigure } from './figures/desk-push';
import { initialPullFigure } from './figures/initial-pull';
import { liveSpreadFigure } from './figures/live-spread';
import { localWritesFigure } from './figures/local-writes';
import { memoryFigure } from './figures/memory';
import { payslipsPdfFigure } from './figures/payslips-pdf';
import { peerFigure } from './figures/peer';
import { pushThroughputFigure } from './figures/push-throughput';
import { readsFigure } from './figures/reads';
import { serverLoadFigure } from './figures/server-load';
import { settlementRunFigure } from './figures/settlement-run';
import { twoInstancesFigure } from './figures/two-instances';

/**
 * Every figure of `npm run bench`, in the order they run (memory reads what 2, 4 and 5 measured; the peer comparison
 * runs first, while the server is empty).
 */
export const FIGURES: readonly BenchFigure[] = [
  peerFigure,
  pushThroughputFigure,
  initialPullFigure,
  localWritesFigure,
  readsFigure,
  serverLoadFigure,
  memoryFigure,
  deskPushFigure,
  csvImportFigure,
  twoInstancesFigure,
  liveSpreadFigure,
  settlementRunFigure,
  payslipsPdfFigure,
];
