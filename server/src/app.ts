import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import { createServer } from 'node:http';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Kysely } from 'kysely';
import type { ServerConfig } from './config';
import type { ServerDatabase } from './db/schema';
import { registerDb } from './plugins/db';
import { frameworkErrors, registerErrorHandling } from './plugins/error-handler';
import { registerProtocolVersion } from './plugins/protocol-version';
import { registerHealthRoute } from './routes/health';
import { registerAuth } from './plugins/auth';
import { registerAuthRoutes } from './routes/auth';
import { registerConflictRoutes } from './routes/conflicts';
import { registerSettlementRoutes } from './routes/settlements';
import { registerSyncRoutes } from './routes/sync';
import { connectRedis } from './redis';
import { RedisSessionBus } from './auth/redis-session-bus';
import { SessionGuard } from './auth/session-guard';
import type { PushHooks } from './sync/apply-push';
import { LiveHub } from './sync/live-hub';
import { RedisLiveBus } from './sync/redis-live-bus';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether an access token's user and sign-in still hold; told about sign-outs and revocations. */
    sessions: SessionGuard;
  }
}

export interface BuildServerOptions {
  config: ServerConfig;
  /** Fastify logger options; defaults to pino at the configured level with secrets redacted. */
  logger?: FastifyServerOptions['logger'];
  /** An existing Kysely instance (tests share one); otherwise a pool is made from config.mysqlUrl. */
  db?: Kysely<ServerDatabase>;
  /** Test-only fault injection into push batches. */
  pushHooks?: PushHooks;
}

/** Secrets never reach the log. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body.password',
  'req.body.refresh_token',
  'res.body.access_token',
  'res.body.refresh_token',
];

/**
 * Fastify writes two info lines per request; under load that cost more than a push batch's validation. A
 * request is logged at trace as it arrives and at debug when answered; a failed one still at error.
 */
class QuietRequestLogs extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.trace({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    bodyLimit: config.bodyLimitBytes,
    // Slow or stalled requests (slow-loris) are cut off: the whole request must arrive within the timeout,
    // checked every second rather than Node's default 30 s.
    serverFactory: (handler) =>
      createServer(
        {
          requestTimeout: config.requestTimeoutMs,
          headersTimeout: Math.min(config.requestTimeoutMs, 20_000),
          connectionsCheckingInterval: 1000,
          keepAliveTimeout: 65_000,
        },
        handler,
      ),
    return503OnClosing: true,
    logController: new QuietRequestLogs(),
    ...(config.trustProxy.length ? { trustProxy: config.trustProxy } : {}),
    forceCloseConnections: 'idle',
    frameworkErrors,
  });
  registerErrorHandling(app);
  registerProtocolVersion(app);
  await app.register(helmet, { global: true });
  // Responses are gzipped above ~1 KB when the client accepts it; gzip request bodies are inflated. Level 1: a
  // 5,000-row pull page gzips ~3× faster than at the default 6 and is ~8-10 % larger (docs/performance.md, figure 2).
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['gzip', 'deflate'],
    zlibOptions: { level: 1 },
  });
  registerDb(app, config.mysqlUrl, options.db);
  registerHealthRoute(app);
  // Several instances share Redis: one login limit for all of them, live notices and session changes heard
  // everywhere.
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, app.log) : null;
  const sessions = new SessionGuard(app.db, {
    cacheMs: config.sessionCacheMs,
    bus: redis ? new RedisSessionBus(redis, config.redisPrefix, app.log) : undefined,
  });
  app.decorate('sessions', sessions);
  await registerAuth(app, {
    secret: config.jwtSecret,
    ttlSeconds: config.accessTokenTtlSeconds,
    checkSession: (claims) => sessions.check(claims),
  });
  await registerAuthRoutes(app, config, redis?.commands);
  const live = new LiveHub(app.db, { bus: redis ? new RedisLiveBus(redis, config.redisPrefix, app.log) : undefined });
  app.addHook('onClose', async () => {
    live.stop();
    sessions.stop();
    await redis?.close();
  });
  registerSyncRoutes(app, { config, policy: config.conflictPolicy, live, hooks: options.pushHooks });
  registerConflictRoutes(app, { config, live });
  registerSettlementRoutes(app, { config, live });
  return app;
}
