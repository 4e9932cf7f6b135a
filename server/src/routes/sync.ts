import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, MAX_PUSH_BATCH, ROUTES, parseInput, uuidField, type LiveMessage } from '../../../shared';
import type { ServerConfig } from '../config';
import type { AccessClaims } from '../plugins/auth';
import { applyPush, type PushHooks } from '../sync/apply-push';
import type { LiveHub } from '../sync/live-hub';
import { pullChanges } from '../sync/pull';
import type { ConflictPolicy } from '../sync/policy';
import { serve } from './serve';

export interface SyncRouteOptions {
  config: ServerConfig;
  policy: ConflictPolicy;
  live: LiveHub;
  hooks?: PushHooks;
}

const DeviceOnly = z.object({ device_id: uuidField });

function assertOwnDevice(claims: AccessClaims, deviceId: string): void {
  if (claims.device_id !== deviceId) {
    throw new AppError('FORBIDDEN', 'device_id is not the device this access token was issued to');
  }
}

/** Database trouble during sync is a 503 the client retries, never a 500 and never a partial write. */
async function withDatabase<T>(request: FastifyRequest, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    request.log.error({ err: error }, 'sync: database error; nothing was applied');
    throw new AppError('UNAVAILABLE', 'The server database is unavailable; nothing was applied, retry later');
  }
}

/** Extension: a desk sends its wall-clock time (X-Client-Time); the difference to ours is its clock skew. */
function skewOf(request: FastifyRequest): number | undefined {
  const header = request.headers['x-client-time'];
  const value = typeof header === 'string' ? Date.parse(header) : NaN;
  return Number.isNaN(value) ? undefined : value - Date.now();
}

export function registerSyncRoutes(app: FastifyInstance, options: SyncRouteOptions): void {
  serve(app, ROUTES.push, async (request) => {
    const claims = await app.authenticate(request);
    const body = parseInput(ROUTES.push.request, request.body);
    if (body.batch.length > MAX_PUSH_BATCH) {
      throw new AppError(
        'BATCH_TOO_LARGE',
        `A batch holds at most ${MAX_PUSH_BATCH} ops; this one has ${body.batch.length}. Nothing was applied`,
      );
    }
    assertOwnDevice(claims, body.device_id);
    return withDatabase(request, () =>
      applyPush(
        {
          db: app.db,
          claims,
          deviceId: body.device_id,
          policy: options.policy,
          orgTimeZone: options.config.orgTimeZone,
          hooks: options.hooks,
          clientSkewMs: skewOf(request),
          onCommitted: (seq) => options.live.committed(seq),
        },
        body.batch,
      ),
    );
  });

  serve(app, ROUTES.pull, async (request) => {
    const claims = await app.authenticate(request);
    const body = parseInput(ROUTES.pull.request, request.body);
    assertOwnDevice(claims, parseInput(DeviceOnly, body).device_id);
    return withDatabase(request, () => pullChanges(app.db, body));
  });

  // Server-sent events: {"type":"changes","cursor":"N"} on every commit; a comment line keeps proxies awake.
  const streams = new Set<() => void>();
  // Open streams would hold a graceful shutdown forever: end them first.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });
  app.get('/api/v1/sync/live', { compress: false }, async (request, reply) => {
    await app.authenticate(request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': connected\n\n');
    const send = (cursor: string) => {
      const message: LiveMessage = { type: 'changes', cursor };
      raw.write(`data: ${JSON.stringify(message)}\n\n`);
    };
    const unsubscribe = options.live.subscribe(send);
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 25_000);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
      if (!raw.writableEnded) raw.end();
      request.raw.socket?.destroy();
    };
    streams.add(end);
    request.raw.on('close', end);
  });
}
