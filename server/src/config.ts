import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_DATE_WINDOW, isKnownCurrency, isValidTimeZone, parseDateWindow, type DateWindow } from '../../shared';
import { parsePolicy, type ConflictPolicy } from './sync/policy';

/** Server configuration from the environment, validated at start with one clear message per bad value. */

const intFrom = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`);

const EnvSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], { error: 'NODE_ENV must be development, test or production' })
    .default('development'),
  PORT: intFrom('PORT', 0, 65535).default(8787),
  HOST: z.string().min(1, 'HOST must not be empty').default('127.0.0.1'),
  MYSQL_URL: z
    .string()
    .regex(/^mysql:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/, 'MYSQL_URL must look like mysql://user:pass@host:3306/database')
    .default('mysql://root@127.0.0.1:3306/collectpay'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: intFrom('ACCESS_TOKEN_TTL_SECONDS', 30, 86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: intFrom('REFRESH_TOKEN_TTL_DAYS', 1, 365).default(30),
  ORG_TIMEZONE: z
    .string()
    .refine(isValidTimeZone, 'ORG_TIMEZONE must be an IANA time zone such as Africa/Nairobi')
    .default('UTC'),
  ORG_CURRENCY: z.string().refine(isKnownCurrency, 'ORG_CURRENCY must be a currency code such as KES').optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  BODY_LIMIT_BYTES: intFrom('BODY_LIMIT_BYTES', 1024, 64 * 1024 * 1024).default(4 * 1024 * 1024),
  LOGIN_RATE_LIMIT_PER_MINUTE: intFrom('LOGIN_RATE_LIMIT_PER_MINUTE', 1, 10_000).default(10),
  LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: intFrom('LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE', 1, 100_000).default(30),
  REFRESH_RATE_LIMIT_PER_MINUTE: intFrom('REFRESH_RATE_LIMIT_PER_MINUTE', 1, 100_000).default(60),
  LIVE_STREAMS_PER_USER: intFrom('LIVE_STREAMS_PER_USER', 1, 10_000).default(20),
  SESSION_CACHE_MS: intFrom('SESSION_CACHE_MS', 0, 60_000).default(5000),
  CONFLICT_POLICY: z.string().optional(),
  REQUEST_TIMEOUT_MS: intFrom('REQUEST_TIMEOUT_MS', 1000, 600_000).default(30_000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^/\s]+(\/\d{1,2})?$/, 'REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'REDIS_PREFIX may use letters, digits and : _ . - (at most 64 characters)')
    .default('collectpay:'),
  SHUTDOWN_DRAIN_MS: intFrom('SHUTDOWN_DRAIN_MS', 0, 120_000).default(0),
  DB_WAIT_SECONDS: intFrom('DB_WAIT_SECONDS', 0, 86_400).default(0),
  TRUST_PROXY: z
    .string()
    .regex(
      /^\s*[0-9A-Za-z:./]+(\s*,\s*[0-9A-Za-z:./]+)*\s*$/,
      'TRUST_PROXY must list the load balancer addresses, e.g. 10.0.0.5,10.0.0.6 or loopback',
    )
    .optional(),
  DATE_WINDOW_FROM: z.string().default(DEFAULT_DATE_WINDOW.from),
  DATE_WINDOW_TO: z.string().default(DEFAULT_DATE_WINDOW.to),
});

export interface ServerConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  mysqlUrl: string;
  jwtSecret: string;
  /** True when no JWT_SECRET was given and a throwaway one was made (development only). */
  ephemeralSecret: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  orgTimeZone: string;
  /** The office's currency, which every desk adopts on connect; none: each desk keeps its own setting. */
  orgCurrency: string | null;
  logLevel: string;
  bodyLimitBytes: number;
  loginRateLimitPerMinute: number;
  /** Failed sign-ins from one address, whatever the account (spraying many emails); successes do not count. */
  loginRateLimitPerAddressPerMinute: number;
  /** Token refreshes per address and minute. */
  refreshRateLimitPerMinute: number;
  /** Live streams one user may hold open on one instance. */
  liveStreamsPerUser: number;
  /** How long an instance trusts what it last read of a user's state and a sign-in's revocation. */
  sessionCacheMs: number;
  conflictPolicy: ConflictPolicy;
  /** A request (headers and body) that takes longer is cut off: slow or stalled clients cannot hold sockets. */
  requestTimeoutMs: number;
  /** Shared Redis for the live channel's fan-out and the login rate limit across instances; none: in-process. */
  redisUrl: string | null;
  /** Prefix of every Redis key and channel, so several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  /** On SIGTERM, health answers 503 this long before the server closes, so a load balancer drains it first. */
  shutdownDrainMs: number;
  /** At start, how long to wait for an unreachable database before giving up (0: fail at once). */
  dbWaitSeconds: number;
  /**
   * The load balancers whose X-Forwarded-For is believed (addresses, CIDRs or "loopback"), so the login limit
   * counts each client's own address; none: the peer address is the client.
   */
  trustProxy: string[];
  /** The dates a pushed record (and a pull's last_sync_at) may carry; anything outside is refused with a 422. */
  dateWindow: DateWindow;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid server configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message));
  const e = parsed.data;
  let conflictPolicy: ConflictPolicy;
  try {
    conflictPolicy = parsePolicy(e.CONFLICT_POLICY);
  } catch (error) {
    throw new ConfigError([(error as Error).message]);
  }
  const dateWindow = parseDateWindow(e.DATE_WINDOW_FROM, e.DATE_WINDOW_TO);
  if (typeof dateWindow === 'string') throw new ConfigError([dateWindow]);
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET is required when NODE_ENV=production (at least 32 characters)']);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    mysqlUrl: e.MYSQL_URL,
    jwtSecret: e.JWT_SECRET ?? randomBytes(32).toString('hex'),
    ephemeralSecret: !e.JWT_SECRET,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    orgTimeZone: e.ORG_TIMEZONE,
    orgCurrency: e.ORG_CURRENCY ?? null,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerAddressPerMinute: e.LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
    refreshRateLimitPerMinute: e.REFRESH_RATE_LIMIT_PER_MINUTE,
    liveStreamsPerUser: e.LIVE_STREAMS_PER_USER,
    sessionCacheMs: e.SESSION_CACHE_MS,
    conflictPolicy,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    dbWaitSeconds: e.DB_WAIT_SECONDS,
    trustProxy: (e.TRUST_PROXY ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    dateWindow,
  };
}
