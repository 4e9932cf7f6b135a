import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError, newId, parseInput, ROUTES, type TokenResponse } from '../../../shared';
import { registerRateLimits } from '../auth/login-limits';
import { decoyHash, verifyPassword } from '../auth/passwords';
import { consumeRefreshToken, issueRefreshToken, revokeByToken } from '../auth/refresh-tokens';
import type { ServerConfig } from '../config';
import { toMysqlDateTime } from '../db/time';
import { findUserByEmail, findUserById, publicUser } from '../users/users';
import { serve } from './serve';

export async function registerAuthRoutes(app: FastifyInstance, config: ServerConfig, redis?: Redis): Promise<void> {
  const limits = await registerRateLimits(app, config, redis);

  /** A token pair of one sign-in (family): the access token names the family and the user's generation. */
  async function tokensFor(
    row: { id: string; email: string; name: string; role: string; token_generation: number },
    deviceId: string,
    familyId: string = newId(),
  ): Promise<TokenResponse> {
    const user = publicUser(row);
    const access_token = app.jwt.sign({
      sub: user.id,
      role: user.role,
      device_id: deviceId,
      gen: Number(row.token_generation),
      fam: familyId,
    });
    const refresh_token = await issueRefreshToken(app.db, {
      userId: user.id,
      deviceId,
      familyId,
      ttlDays: config.refreshTokenTtlDays,
    });
    // The office's clock travels with every token pair, so each desk dates and prints on the same one.
    return {
      access_token,
      refresh_token,
      expires_in: config.accessTokenTtlSeconds,
      user,
      office: { time_zone: config.orgTimeZone, ...(config.orgCurrency ? { currency: config.orgCurrency } : {}) },
    };
  }

  serve(app, ROUTES.login, async (request) => {
    const body = parseInput(ROUTES.login.request, request.body);
    await limits.attempt(request);
    const user = await findUserByEmail(app.db, body.email);
    const valid = await verifyPassword(user?.password_hash ?? (await decoyHash()), body.password);
    if (!user || !valid || !user.active) throw new AppError('INVALID_CREDENTIALS', 'The email or password is wrong');
    await limits.succeeded(request);
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
    return tokensFor(user, body.device_id);
  });

  serve(
    app,
    ROUTES.refresh,
    async (request) => {
      const body = parseInput(ROUTES.refresh.request, request.body);
      const outcome = await consumeRefreshToken(app.db, body.refresh_token);
      if (!outcome.ok) {
        if (outcome.reason === 'reused') app.sessions.changed({ kind: 'family', id: outcome.familyId });
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
      return tokensFor(user, outcome.deviceId, outcome.familyId);
    },
    // Per address, before the body is read: refreshing is cheap for a desk (every 15 minutes) and a guess.
    { config: { rateLimit: { max: config.refreshRateLimitPerMinute, timeWindow: '1 minute', hook: 'onRequest' } } },
  );

  serve(app, ROUTES.logout, async (request, reply) => {
    const body = parseInput(ROUTES.logout.request, request.body);
    const familyId = await revokeByToken(app.db, body.refresh_token);
    if (familyId) app.sessions.changed({ kind: 'family', id: familyId });
    return reply.status(204).send();
  });
}
