import { resolve } from 'node:path';
import { freePort } from '../free-port';
import { NotComing, OwnedProcess, waitFor } from './processes';

const MAIN = resolve(import.meta.dirname, '../../server/src/main.ts');

export interface InstanceOptions {
  name: string;
  mysqlUrl: string;
  /** Every instance of one deployment shares the signing secret (a desk's token works on any of them). */
  jwtSecret: string;
  redisUrl?: string;
  redisPrefix?: string;
  port?: number;
  /** More environment (LOG_LEVEL, LOGIN_RATE_LIMIT_PER_MINUTE, SHUTDOWN_DRAIN_MS, …). */
  env?: Record<string, string>;
  /** How long `start()` waits for a healthy answer (a node rejoining can take a while). */
  startTimeoutMs?: number;
  /** Where its log goes (appended); none: only the last lines are kept, for error messages. */
  logFile?: string;
}

export interface ServerInstance {
  name: string;
  port: number;
  url: string;
  /** host:port, as a load balancer names it. */
  address: string;
  readonly running: boolean;
  readonly pid: number | undefined;
  start(): Promise<void>;
  /** A crash: SIGKILL mid-whatever. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown (drain, finish requests in flight, close). */
  stop(): Promise<void>;
}

/** One CollectPay server process (`server/src/main.ts`); it does not migrate-race: migrate before starting several. */
export async function createInstance(options: InstanceOptions): Promise<ServerInstance> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const proc = new OwnedProcess(options.name, process.execPath, {
    logFile: options.logFile,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      MYSQL_URL: options.mysqlUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: options.jwtSecret,
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'loopback',
      // Like a supervised service: wait for a database node that is down or rejoining instead of exiting.
      DB_WAIT_SECONDS: '300',
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl, REDIS_PREFIX: options.redisPrefix ?? 'collectpay:' } : {}),
      ...options.env,
    },
  });
  return {
    name: options.name,
    port,
    url,
    address: `127.0.0.1:${port}`,
    get running() {
      return proc.running;
    },
    get pid() {
      return proc.pid;
    },
    async start() {
      proc.start(['--import', 'tsx', MAIN]);
      await waitFor(
        `server instance ${options.name} on port ${port}`,
        async () => {
          if (!proc.running) throw new NotComing(`it exited: ${proc.lastOutput}`);
          return (await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) })).ok;
        },
        options.startTimeoutMs ?? 120_000,
      );
    },
    kill: () => proc.kill('SIGKILL'),
    stop: () => proc.stop(),
  };
}
