import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import type { Route } from '../../../shared';

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
  app.route({ ...options, config, method: route.method, url: route.path, handler });
}
