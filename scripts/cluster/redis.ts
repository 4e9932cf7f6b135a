import { Redis } from 'ioredis';
import { freePort } from '../free-port';
import { findExecutable, NotComing, OwnedProcess, waitFor } from './processes';

export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

/** Why a private Redis cannot run here, or null when it can. */
export function redisUnavailable(): string | null {
  return findExecutable('redis-server', '/usr/bin/redis-server')
    ? null
    : 'redis-server is not installed (apt: redis-server)';
}

/** A private, memory-only redis-server on loopback (never the machine's shared one). */
export async function startRedis(port?: number): Promise<LocalRedis> {
  const reason = redisUnavailable();
  if (reason) throw new Error(`Redis cannot start: ${reason}`);
  const chosen = port ?? (await freePort());
  const server = new OwnedProcess('redis', findExecutable('redis-server', '/usr/bin/redis-server')!);
  server.start(['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  const url = `redis://127.0.0.1:${chosen}`;
  await waitFor(
    `redis-server on port ${chosen}`,
    async () => {
      if (!server.running) throw new NotComing(server.lastOutput);
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } finally {
        client.disconnect();
      }
    },
    10_000,
  );
  return { url, stop: () => server.stop() };
}
