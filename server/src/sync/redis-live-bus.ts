import type { FastifyBaseLogger } from 'fastify';
import type { RedisClients } from '../redis';
import type { LiveBus } from './live-hub';

/**
 * The live channel's fan-out over Redis pub/sub: every instance publishes its commits' seqs on one channel
 * and relays what it hears to its own subscribers. Pub/sub is at-most-once; the hub's poll covers a lost one.
 */
export class RedisLiveBus implements LiveBus {
  readonly channel: string;

  constructor(
    private readonly redis: RedisClients,
    prefix: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.channel = `${prefix}live`;
  }

  publish(seq: number): void {
    this.redis.commands.publish(this.channel, String(seq)).catch((error: unknown) => {
      this.log.debug({ err: error }, 'live: publish failed; other instances will see it by polling');
    });
  }

  listen(onSeq: (seq: number) => void): void {
    this.redis.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel || !/^\d{1,15}$/.test(message)) return;
      onSeq(Number(message));
    });
    // ioredis subscribes again by itself after a reconnect.
    this.redis.subscriber.subscribe(this.channel).catch((error: unknown) => {
      this.log.warn({ err: error }, 'live: could not subscribe yet; ioredis retries on reconnect');
    });
  }
}
