import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type { RedisClients } from '../redis';
import type { SessionBus, SessionChange } from './session-guard';

const MESSAGE = /^(user|family):([0-9a-f-]{36})$/;

const sessionChannel = (prefix: string) => `${prefix}sessions`;
const encode = (change: SessionChange) => `${change.kind}:${change.id}`;

/**
 * Session changes over Redis pub/sub: every instance drops its cached view of the user or sign-in and ends
 * the affected live streams. At-most-once like every pub/sub: a lost message is covered by the short cache.
 */
export class RedisSessionBus implements SessionBus {
  private readonly channel: string;

  constructor(
    private readonly redis: RedisClients,
    prefix: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.channel = sessionChannel(prefix);
  }

  publish(change: SessionChange): void {
    this.redis.commands.publish(this.channel, encode(change)).catch((error: unknown) => {
      this.log.warn({ err: error }, 'sessions: publish failed; other instances see the change within their cache time');
    });
  }

  listen(onChange: (change: SessionChange) => void): void {
    this.redis.subscriber.on('message', (channel: string, message: string) => {
      const match = channel === this.channel ? MESSAGE.exec(message) : null;
      if (match) onChange({ kind: match[1] as SessionChange['kind'], id: match[2]! });
    });
    this.redis.subscriber.subscribe(this.channel).catch((error: unknown) => {
      this.log.warn({ err: error }, 'sessions: could not subscribe yet; ioredis retries on reconnect');
    });
  }
}

/**
 * For the server CLI (a process with no bus of its own): tells the running instances about a change.
 * Returns false if Redis could not be reached; the instances then see it within their cache time.
 */
export async function publishSessionChange(url: string, prefix: string, change: SessionChange): Promise<boolean> {
  const client = new Redis(url, { connectTimeout: 1000, maxRetriesPerRequest: 1, lazyConnect: true });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.publish(sessionChannel(prefix), encode(change));
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
