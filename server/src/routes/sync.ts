import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AppError,
  MAX_PUSH_BATCH,
  outsideDateWindow,
  parseInput,
  ROUTES,
  uuidField,
  validationError,
  type LiveMessage,
} from '../../../shared';
import type { ServerConfig } from '../config';
import type { AccessClaims } from '../plugins/auth';
import { applyPush, type PushHooks } from '../sync/apply-push';
import type { LiveHub } from '../sync/live-hub';
import { LiveStreams } from '../sync/live-streams';
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
function skewOf(request: FastifyRequest, window: ServerConfig['dateWindow']): number | undefined {
  const header = request.headers['x-client-time'];
  // A clock outside the date window is no clock to correct by (and would push stamps out of their column).
  if (typeof header !== 'string' || outsideDateWindow(header, window)) return undefined;
  return Date.parse(header) - Date.now();
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
          clientSkewMs: skewOf(request, options.config.dateWindow),
          dateWindow: options.config.dateWindow,
          answerForm: body.answer,
          onCommitted: (seq) => options.live.committed(seq),
          onConflicts: (ids) => ids.forEach((id) => options.live.conflict(id)),
        },
        body.batch,
      ),
    );
  });

  serve(app, ROUTES.pull, async (request) => {
    const claims = await app.authenticate(request);
    const body = parseInput(ROUTES.pull.request, request.body);
    const since = body.last_sync_at && outsideDateWindow(body.last_sync_at, options.config.dateWindow);
    if (since) throw validationError({ last_sync_at: since });
    assertOwnDevice(claims, parseInput(DeviceOnly, body).device_id);
    return withDatabase(request, () => pullChanges(app.db, body));
  });

  // Server-sent events: {"type":"changes","cursor":"N"} on every commit, {"type":"conflict","conflict_id":…} on
  // every conflict stored or settled; a comment line keeps proxies awake.
  const streams = new LiveStreams(options.config.liveStreamsPerUser);
  // Open streams would hold a graceful shutdown forever: end them first.
  app.addHook('preClose', async () => streams.endAll());
  app.get('/api/v1/sync/live', { compress: false }, async (request, reply) => {
    const claims = await app.authenticate(request);
    // At most so many streams per user: past that a clear 429, before the stream starts.
    const release = streams.open(claims.sub, () => end());
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': connected\n\n');
    const send = (message: LiveMessage) => raw.write(`data: ${JSON.stringify(message)}\n\n`);
    const unsubscribe = options.live.subscribe(send);
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 25_000);
    // The stream ends when its sign-in or user is revoked, and when its token expires.
    const unwatch = app.sessions.watch(claims, () => end());
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      release();
      unwatch();
      if (!raw.writableEnded) raw.end();
      request.raw.socket?.destroy();
    };
    request.raw.on('close', end);
  });
}
