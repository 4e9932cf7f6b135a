import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { ROUTES, type HealthResponse } from '../../../shared';
import { serve } from './serve';

const PING_TIMEOUT_MS = 2500;

declare module 'fastify' {
  interface FastifyInstance {
    /** Set on shutdown: health answers 503 "draining" so a load balancer sends new work elsewhere. */
    draining: boolean;
  }
}

/**
 * GET /api/v1/health — 200 when MySQL answers, 503 when it does not or while the instance drains before a
 * shutdown (the one answer without the error shape). Load balancers check it.
 */
export function registerHealthRoute(app: FastifyInstance): void {
  app.decorate('draining', false);
  serve(app, ROUTES.health, async (_request, reply) => {
    if (app.draining) {
      const body: HealthResponse = { status: 'draining', db: 'ok' };
      return reply.status(503).send(body);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database ping timed out')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([sql`select 1`.execute(app.db), timeout]);
      const body: HealthResponse = { status: 'ok', db: 'ok' };
      return reply.send(body);
    } catch (error) {
      app.log.warn({ err: error }, 'health: database unreachable');
      const body: HealthResponse = { status: 'down', db: 'down' };
      return reply.status(503).send(body);
    } finally {
      clearTimeout(timer);
    }
  });
}
