import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError, parseInput, ROUTES, type AuthUser, type TokenResponse } from '../../../shared';
import { decoyHash, verifyPassword } from '../auth/passwords';
import { consumeRefreshToken, issueRefreshToken, revokeByToken } from '../auth/refresh-tokens';
import type { ServerConfig } from '../config';
import { toMysqlDateTime } from '../db/time';
import { findUserByEmail, findUserById, publicUser } from '../users/users';
import { serve } from './serve';

export async function registerAuthRoutes(app: FastifyInstance, config: ServerConfig, redis?: Redis): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    // Behind a load balancer the attempts are counted in Redis, so every instance sees the same count. If Redis
    // is unreachable, sign-in stays open (unthrottled) rather than locking a whole office out.
    ...(redis ? { redis, nameSpace: `${config.redisPrefix}login-limit:`, skipOnError: true } : {}),
    // Keyed by address and account, after the body is parsed: a whole office behind one NAT can still sign
    // in at 8 am, while guessing one account's password is throttled.
    hook: 'preHandler',
    keyGenerator: (request) => {
      const email = (request.body as { email?: unknown } | undefined)?.email;
      return `${request.ip}|${typeof email === 'string' ? email.toLowerCase() : ''}`;
    },
    errorResponseBuilder: (_request, context) =>
      Object.assign(new AppError('RATE_LIMITED', `Too many sign-in attempts; try again in ${context.after}`), {
        statusCode: 429,
      }),
  });

  async function tokensFor(user: AuthUser, deviceId: string, familyId?: string): Promise<TokenResponse> {
    const access_token = app.jwt.sign({ sub: user.id, role: user.role, device_id: deviceId });
    const refresh_token = await issueRefreshToken(app.db, {
      userId: user.id,
      deviceId,
      familyId,
      ttlDays: config.refreshTokenTtlDays,
    });
    return { access_token, refresh_token, expires_in: config.accessTokenTtlSeconds, user };
  }

  serve(
    app,
    ROUTES.login,
    async (request) => {
      const body = parseInput(ROUTES.login.request, request.body);
      const user = await findUserByEmail(app.db, body.email);
      const valid = await verifyPassword(user?.password_hash ?? (await decoyHash()), body.password);
      if (!user || !valid || !user.active) throw new AppError('INVALID_CREDENTIALS', 'The email or password is wrong');
      const now = toMysqlDateTime(new Date());
      // Device registration: a desk may be used by several clerks; the device row names its last user.
      await app.db
        .insertInto('devices')
        .values({
          id: body.device_id,
          name: body.device_name ?? 'Unnamed device',
          user_id: user.id,
          created_at: now,
          last_seen_at: now,
        })
        .onDuplicateKeyUpdate({
          user_id: user.id,
          last_seen_at: now,
          ...(body.device_name ? { name: body.device_name } : {}),
        })
        .execute();
      return tokensFor(publicUser(user), body.device_id);
    },
    { config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } } },
  );

  serve(app, ROUTES.refresh, async (request) => {
    const body = parseInput(ROUTES.refresh.request, request.body);
    const outcome = await consumeRefreshToken(app.db, body.refresh_token);
    if (!outcome.ok) {
      const message =
        outcome.reason === 'reused'
          ? 'This refresh token was already used; every session of this sign-in has been ended'
          : outcome.reason === 'expired'
            ? 'The session has expired; sign in again'
            : 'The refresh token is not valid; sign in again';
      throw new AppError('UNAUTHENTICATED', message);
    }
    const user = await findUserById(app.db, outcome.userId);
    if (!user || !user.active) throw new AppError('UNAUTHENTICATED', 'The account is no longer active');
    return tokensFor(publicUser(user), outcome.deviceId, outcome.familyId);
  });

  serve(app, ROUTES.logout, async (request, reply) => {
    const body = parseInput(ROUTES.logout.request, request.body);
    await revokeByToken(app.db, body.refresh_token);
    return reply.status(204).send();
  });
}
