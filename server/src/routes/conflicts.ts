import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput, uuidField } from '../../../shared';
import type { ServerConfig } from '../config';
import { conflictStatuses, listConflicts, reopenConflict, resolveConflict } from '../sync/conflicts-service';
import type { LiveHub } from '../sync/live-hub';

const IdParam = z.object({ id: uuidField });
const StatusIds = z.object({ ids: z.array(uuidField).max(500) });

/** PROTOCOL.md "Conflicts": the supervisor's list and resolve; plus reopen and a status look-up (extensions). */
export function registerConflictRoutes(app: FastifyInstance, options: { config: ServerConfig; live: LiveHub }): void {
  app.get('/api/v1/conflicts', { config: { can: 'conflicts.list' } }, async (request) => {
    const claims = await app.authenticate(request);
    return listConflicts(app.db, claims, (request.query as { status?: string }).status);
  });

  app.post('/api/v1/conflicts/:id/resolve', { config: { can: 'conflicts.resolve' } }, async (request) => {
    const claims = await app.authenticate(request);
    const { id } = parseInput(IdParam, request.params);
    const resolved = await resolveConflict(app.db, claims, id, request.body, options.config.orgTimeZone, (seq) =>
      options.live.committed(seq),
    );
    // Closed without a new version, nothing else would tell the desks that it is settled.
    options.live.conflict(id);
    return resolved;
  });

  app.post('/api/v1/conflicts/:id/reopen', { config: { can: 'conflicts.reopen' } }, async (request) => {
    const claims = await app.authenticate(request);
    const { id } = parseInput(IdParam, request.params);
    const reopened = await reopenConflict(app.db, claims, id);
    options.live.conflict(id);
    return reopened;
  });

  app.post('/api/v1/conflicts/status', async (request) => {
    const claims = await app.authenticate(request);
    return conflictStatuses(app.db, claims, parseInput(StatusIds, request.body).ids);
  });
}
