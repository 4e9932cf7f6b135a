import type { FastifyInstance } from 'fastify';
import { parseInput, ROUTES } from '../../../shared';
import type { ServerConfig } from '../config';
import { conflictStatuses, listConflicts, reopenConflict, resolveConflict } from '../sync/conflicts-service';
import type { LiveHub } from '../sync/live-hub';
import { idParam } from './params';
import { serve } from './serve';

/** docs/protocol.md "Conflicts": the supervisor's list and resolve; plus reopen and a status look-up (extensions). */
export function registerConflictRoutes(app: FastifyInstance, options: { config: ServerConfig; live: LiveHub }): void {
  serve(app, ROUTES.conflicts, async (request) => {
    const claims = await app.authenticate(request);
    return listConflicts(app.db, claims, parseInput(ROUTES.conflicts.request, request.query).status);
  });

  serve(app, ROUTES.resolveConflict, async (request) => {
    const claims = await app.authenticate(request);
    const id = idParam(request);
    const { orgTimeZone, dateWindow } = options.config;
    const resolved = await resolveConflict(app.db, claims, id, request.body, orgTimeZone, dateWindow, (seq) =>
      options.live.committed(seq),
    );
    // Closed without a new version, nothing else would tell the desks that it is settled.
    options.live.conflict(id);
    return resolved;
  });

  serve(app, ROUTES.reopenConflict, async (request) => {
    const claims = await app.authenticate(request);
    const id = idParam(request);
    const reopened = await reopenConflict(app.db, claims, id);
    options.live.conflict(id);
    return reopened;
  });

  serve(app, ROUTES.conflictStatuses, async (request) => {
    const claims = await app.authenticate(request);
    return conflictStatuses(app.db, claims, parseInput(ROUTES.conflictStatuses.request, request.body).ids);
  });
}
