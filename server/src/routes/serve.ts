import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import { ROUTES, validationError, type Route } from '../../../shared';
import { ALTERED, alteredStringPath } from '../sync/op/guard';

/** What a handler may return: the route's response (before parsing), or the reply it sent itself. */
type Answer<R extends Route> = z.input<R['response']> | FastifyReply;

/**
 * Registers the handler of one route of the table (shared/sync/routes.ts): method, path and who may call it
 * (`public`, `can`, read by the onRequest auth hook) come from there.
 */
export function serve<R extends Route>(
  app: FastifyInstance,
  route: R,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<Answer<R>>,
  options: RouteShorthandOptions = {},
): void {
  const config = {
    ...options.config,
    ...(route.public ? { public: true } : {}),
    ...(route.can ? { can: route.can } : {}),
  };
  // A push is guarded op by op (op/guard.ts), so that one bad op does not refuse its whole batch.
  const preHandler = (route as Route) === ROUTES.push ? {} : { preHandler: refuseAlteredStrings };
  app.route({ ...options, ...preHandler, config, method: route.method, url: route.path, handler });
}

/**
 * What the server stores is what it answers: a body or query holding a string the database would alter (NUL, a
 * lone surrogate) is a 422 naming the field, before any handler reads it. Runs after authentication.
 */
async function refuseAlteredStrings(request: FastifyRequest): Promise<void> {
  for (const input of [request.body, request.query]) {
    const path = alteredStringPath(input);
    if (path !== null) throw validationError({ [path || '_']: ALTERED });
  }
}
