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

/** Pay runs: a supervisor computes a draft on the server, recomputes it, approves it and records its payouts. */
export function registerSettlementRoutes(app: FastifyInstance, options: { config: ServerConfig; live: LiveHub }): void {
  const deps = (): RunsDeps => ({
    db: app.db,
    orgTimeZone: options.config.orgTimeZone,
    onCommitted: (seq) => options.live.committed(seq),
  });
  const id = (request: { params: unknown }) => (request.params as { id: string }).id;

  app.get('/api/v1/settlements', async (request) => listRuns(deps(), await app.authenticate(request)));
  app.post('/api/v1/settlements', async (request) => createRun(deps(), await app.authenticate(request), request.body));
  app.get('/api/v1/settlements/:id', async (request) => getRun(deps(), await app.authenticate(request), id(request)));
  app.post('/api/v1/settlements/:id/recompute', async (request) =>
    recomputeRun(deps(), await app.authenticate(request), id(request)),
  );
  app.post('/api/v1/settlements/:id/approve', async (request) =>
    approveRun(deps(), await app.authenticate(request), id(request)),
  );
  app.post('/api/v1/settlements/:id/payout-results', async (request) =>
    recordPayouts(deps(), await app.authenticate(request), id(request), request.body),
  );
}
