import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config';
import type { LiveHub } from '../sync/live-hub';
import {
  approveRun,
  createRun,
  getRun,
  listRuns,
  recomputeRun,
  recordPayouts,
  type RunsDeps,
} from '../settlement/runs-service';
import { ROUTES } from '../../../shared';
import { idParam } from './params';
import { serve } from './serve';

/** Pay runs: a supervisor computes a draft on the server, recomputes it, approves it and records its payouts. */
export function registerSettlementRoutes(app: FastifyInstance, options: { config: ServerConfig; live: LiveHub }): void {
  const deps = (): RunsDeps => ({
    db: app.db,
    orgTimeZone: options.config.orgTimeZone,
    onCommitted: (seq) => options.live.committed(seq),
  });

  serve(app, ROUTES.settlementRuns, async (request) => listRuns(deps(), await app.authenticate(request)));
  serve(app, ROUTES.createSettlementRun, async (request) =>
    createRun(deps(), await app.authenticate(request), request.body),
  );
  serve(app, ROUTES.settlementRun, async (request) =>
    getRun(deps(), await app.authenticate(request), idParam(request)),
  );
  serve(app, ROUTES.recomputeSettlementRun, async (request) =>
    recomputeRun(deps(), await app.authenticate(request), idParam(request)),
  );
  serve(app, ROUTES.approveSettlementRun, async (request) =>
    approveRun(deps(), await app.authenticate(request), idParam(request)),
  );
  serve(app, ROUTES.recordPayoutResults, async (request) =>
    recordPayouts(deps(), await app.authenticate(request), idParam(request), request.body),
  );
}
