import type { FastifyBaseLogger } from 'fastify';
import type { RedisClients } from '../redis';
import type { BusNotice, LiveBus } from './live-hub';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The live channel's fan-out over Redis pub/sub: every instance publishes its commits' seqs (plain digits) and
 * its new or settled conflicts (`conflict:<id>`) on one channel and relays what it hears to its own
 * subscribers. Pub/sub is at-most-once; the hub's poll covers a lost seq, a desk's next sync a lost conflict.
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

  publish(notice: BusNotice): void {
    const message = 'seq' in notice ? String(notice.seq) : `conflict:${notice.conflict}`;
    this.redis.commands.publish(this.channel, message).catch((error: unknown) => {
      this.log.debug({ err: error }, 'live: publish failed; other instances will see it by polling');
    });
  }

  listen(onNotice: (notice: BusNotice) => void): void {
    this.redis.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      if (/^\d{1,15}$/.test(message)) onNotice({ seq: Number(message) });
      else if (message.startsWith('conflict:') && UUID.test(message.slice(9))) onNotice({ conflict: message.slice(9) });
    });
    // ioredis subscribes again by itself after a reconnect.
    this.redis.subscriber.subscribe(this.channel).catch((error: unknown) => {
      this.log.warn({ err: error }, 'live: could not subscribe yet; ioredis retries on reconnect');
    });
  }
}
