import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { createDb } from '../db/connection';
import type { ServerDatabase } from '../db/schema';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<ServerDatabase>;
  }
}

/** The mysql2 pool behind Kysely; the pool connects lazily, so the server starts even when MySQL is down. */
export function registerDb(app: FastifyInstance, url: string, db?: Kysely<ServerDatabase>): void {
  const instance = db ?? createDb(url);
  app.decorate('db', instance);
  app.addHook('onClose', async () => {
    if (!db) await instance.destroy();
  });
}
