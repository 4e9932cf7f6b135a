import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';

export interface RedisClients {
  /** Commands (rate-limit counters, publishing). Fails fast while Redis is away: nothing waits on it. */
  commands: Redis;
  /** A connection in subscriber mode (Redis allows nothing else on it). */
  subscriber: Redis;
  close(): Promise<void>;
}

const READY_WAIT_MS = 2000;

/**
 * The shared Redis of a multi-instance deployment. Redis is an accelerator, never a dependency of correctness:
 * while it is down, logins are not rate-limited across instances and live notices fall back to polling.
 */
export async function connectRedis(url: string, log: FastifyBaseLogger): Promise<RedisClients> {
  const open = (role: 'commands' | 'subscriber') => {
    const client = new Redis(url, {
      connectionName: `collectpay-${role}`,
      connectTimeout: 1000,
      // Commands fail at once while Redis is away; the subscription waits for it (and is renewed on reconnect).
      maxRetriesPerRequest: role === 'commands' ? 1 : null,
      enableOfflineQueue: role === 'subscriber',
      // Reconnect forever, at most every 2 s.
      retryStrategy: (times) => Math.min(times * 100, 2000),
    });
    // Log a lost connection once, not on every reconnect attempt.
    let healthy = true;
    client.on('ready', () => {
      if (!healthy) log.info({ role }, 'redis: connection back');
      healthy = true;
    });
    client.on('error', (error: Error) => {
      if (healthy) log.warn({ role, err: error }, 'redis: connection lost; retrying in the background');
      healthy = false;
    });
    return client;
  };
  const commands = open('commands');
  const subscriber = open('subscriber');
  // Give Redis a moment at start so the first logins are counted; a server never refuses to start without it.
  const ready = (client: Redis) =>
    new Promise<void>((resolve) => {
      if (client.status === 'ready') return resolve();
      const timer = setTimeout(resolve, READY_WAIT_MS);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  await Promise.all([ready(commands), ready(subscriber)]);
  if (commands.status !== 'ready') log.warn('redis: not reachable at start; continuing without it until it answers');
  return {
    commands,
    subscriber,
    async close() {
      for (const client of [commands, subscriber]) client.disconnect();
    },
  };
}
