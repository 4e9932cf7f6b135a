import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 8787,
      host: '127.0.0.1',
      accessTokenTtlSeconds: 900,
      orgTimeZone: 'UTC',
    });
    expect(config.mysqlUrl).toBe('mysql://root@127.0.0.1:3306/collectpay');
    expect(config.ephemeralSecret).toBe(true);
    // One instance needs no Redis: the live channel and the login limit stay in-process.
    expect(config).toMatchObject({ redisUrl: null, redisPrefix: 'collectpay:', shutdownDrainMs: 0 });
  });

  it('has a date window, 2000-01-01 to 2100-01-01 unless configured', () => {
    expect(loadConfig({}).dateWindow).toEqual({ from: '2000-01-01', to: '2100-01-01' });
    expect(loadConfig({ DATE_WINDOW_FROM: '2010-01-01', DATE_WINDOW_TO: '2050-01-01' }).dateWindow).toEqual({
      from: '2010-01-01',
      to: '2050-01-01',
    });
    expect(problems({ DATE_WINDOW_FROM: '2050-01-01', DATE_WINDOW_TO: '2010-01-01' })).toEqual([
      'DATE_WINDOW_FROM must come before DATE_WINDOW_TO',
    ]);
  });

  it('takes a shared Redis for several instances', () => {
    const config = loadConfig({ REDIS_URL: 'redis://:secret@cache.local:6380/2', REDIS_PREFIX: 'coop-a:' });
    expect(config).toMatchObject({ redisUrl: 'redis://:secret@cache.local:6380/2', redisPrefix: 'coop-a:' });
  });

  it('takes the settings of an instance behind a load balancer', () => {
    const config = loadConfig({
      TRUST_PROXY: '10.0.0.5, 10.0.0.0/24,loopback',
      SHUTDOWN_DRAIN_MS: '3000',
      DB_WAIT_SECONDS: '120',
    });
    expect(config).toMatchObject({
      trustProxy: ['10.0.0.5', '10.0.0.0/24', 'loopback'],
      shutdownDrainMs: 3000,
      dbWaitSeconds: 120,
    });
    expect(loadConfig({}).trustProxy).toEqual([]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535'],
    [{ MYSQL_URL: 'postgres://x/y' }, 'MYSQL_URL must look like mysql://user:pass@host:3306/database'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ ORG_TIMEZONE: 'Mars/Olympus' }, 'ORG_TIMEZONE must be an IANA time zone such as Africa/Nairobi'],
    [{ ORG_CURRENCY: 'XYZ' }, 'ORG_CURRENCY must be a currency code such as KES'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)'],
    [{ REDIS_PREFIX: 'has space' }, 'REDIS_PREFIX may use letters, digits and : _ . - (at most 64 characters)'],
    [{ SHUTDOWN_DRAIN_MS: '-1' }, 'SHUTDOWN_DRAIN_MS must be a whole number'],
    [{ DB_WAIT_SECONDS: 'forever' }, 'DB_WAIT_SECONDS must be a whole number'],
    [
      { TRUST_PROXY: '10.0.0.1; rm -rf' },
      'TRUST_PROXY must list the load balancer addresses, e.g. 10.0.0.5,10.0.0.6 or loopback',
    ],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET is required when NODE_ENV=production (at least 32 characters)'],
  ])('explains %j', (env, message) => {
    expect(problems(env)).toContain(message);
  });

  it('reports every bad value at once', () => {
    expect(problems({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
  });
});
