import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../../../shared';
import type { ServerConfig } from '../config';

/** Counters with no ceiling of their own: the limit is failures (attempts − successes), decided here. */
const UNCAPPED = 1_000_000_000;
const WINDOW_MS = 60_000;

type Counter = ReturnType<FastifyInstance['createRateLimit']>;

/** The number a counter holds after this call (0 when the store is unreachable: never a reason to refuse). */
async function count(counter: Counter, request: FastifyRequest, increment: boolean): Promise<number> {
  const result = await counter(request, { increment });
  return result.isAllowed ? 0 : UNCAPPED - result.remaining;
}

/**
 * Fixed one-minute windows, named in the key: attempts and successes of one window start and end together, so
 * successes cannot be saved up in one window and spent on failures in the next.
 */
const windowOf = (now: number) => Math.floor(now / WINDOW_MS);
const secondsLeft = (now: number) => Math.max(1, Math.ceil((WINDOW_MS - (now % WINDOW_MS)) / 1000));

/**
 * Failed sign-ins per minute under one key. Every attempt is counted when it starts (so a burst of parallel
 * guesses is counted before any password is checked) and a success is counted apart and subtracted: only
 * failures use up the allowance.
 */
function failureLimit(app: FastifyInstance, name: string, max: number, key: (request: FastifyRequest) => string) {
  const attempts = app.createRateLimit({
    max: UNCAPPED,
    timeWindow: WINDOW_MS,
    keyGenerator: (r) => `${name}:${key(r)}:${windowOf(Date.now())}`,
  });
  const successes = app.createRateLimit({
    max: UNCAPPED,
    timeWindow: WINDOW_MS,
    keyGenerator: (r) => `${name}-ok:${key(r)}:${windowOf(Date.now())}`,
  });
  return {
    /** Counts the attempt; seconds to wait if this key has failed too often, else 0. */
    async attempt(request: FastifyRequest): Promise<number> {
      const [tried, succeeded] = await Promise.all([count(attempts, request, true), count(successes, request, false)]);
      return tried - succeeded > max ? secondsLeft(Date.now()) : 0;
    },
    async succeeded(request: FastifyRequest): Promise<void> {
      await count(successes, request, true);
    },
  };
}

export interface LoginLimits {
  /** Counts a sign-in attempt; throws RATE_LIMITED when its address, or its address and account, failed too often. */
  attempt(request: FastifyRequest): Promise<void>;
  /** A successful sign-in: it does not use up the allowance. */
  succeeded(request: FastifyRequest): Promise<void>;
}

/** The account a sign-in names (the body was validated before anything is counted). */
function emailOf(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.toLowerCase() : '';
}

/**
 * Sign-in and refresh limits on @fastify/rate-limit's store: in Redis when there is one, so every instance
 * counts together; in memory otherwise. If Redis is unreachable nothing is refused (an office is never locked
 * out because of Redis). Returns the sign-in limits; refresh is limited per address by route config.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  config: ServerConfig,
  redis?: Redis,
): Promise<LoginLimits> {
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: `${config.redisPrefix}login-limit:`, skipOnError: true } : {}),
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new AppError('RATE_LIMITED', `Too many token refreshes from this address; try again in ${context.after}`),
        { statusCode: 429 },
      ),
  });
  // By address and account: one account's password cannot be guessed, while an office behind one NAT address
  // still signs in. By address alone: spraying one password over many accounts is stopped too.
  const perAccount = failureLimit(app, 'account', config.loginRateLimitPerMinute, (r) => `${r.ip}|${emailOf(r)}`);
  const perAddress = failureLimit(app, 'address', config.loginRateLimitPerAddressPerMinute, (r) => r.ip);
  return {
    async attempt(request) {
      const [account, address] = await Promise.all([perAccount.attempt(request), perAddress.attempt(request)]);
      if (address)
        throw new AppError('RATE_LIMITED', `Too many failed sign-ins from this address; try again in ${address} s`);
      if (account)
        throw new AppError('RATE_LIMITED', `Too many failed sign-ins to this account; try again in ${account} s`);
    },
    async succeeded(request) {
      await Promise.all([perAccount.succeeded(request), perAddress.succeeded(request)]);
    },
  };
}
