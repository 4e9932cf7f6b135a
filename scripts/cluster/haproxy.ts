import { resolve } from 'node:path';
import { freePort } from '../free-port';
import { findExecutable, NotComing, OwnedProcess, waitFor } from './processes';

/** The documented load balancer configuration; the tests and `npm run cluster` run exactly this file. */
const HAPROXY_CONFIG = resolve(import.meta.dirname, '../../deploy/haproxy/haproxy.cfg');

export interface LoadBalancer {
  url: string;
  statsUrl: string;
  /** HAProxy's view of each instance: "UP", "DOWN", "MAINT", "UP 1/2" while changing, … */
  serverStates(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export function haproxyUnavailable(): string | null {
  return findExecutable('haproxy', '/usr/sbin/haproxy') ? null : 'haproxy is not installed (apt: haproxy)';
}

/** HAProxy with deploy/haproxy/haproxy.cfg in front of two instances (host:port each). */
export async function startHaproxy(instances: [string, string], port?: number): Promise<LoadBalancer> {
  const reason = haproxyUnavailable();
  if (reason) throw new Error(`The load balancer cannot start: ${reason}`);
  const lbPort = port ?? (await freePort());
  const statsPort = await freePort();
  const binary = findExecutable('haproxy', '/usr/sbin/haproxy')!;
  const proxy = new OwnedProcess('haproxy', binary, {
    env: {
      ...process.env,
      CP_LB_BIND: `127.0.0.1:${lbPort}`,
      CP_APP1: instances[0],
      CP_APP2: instances[1],
      CP_STATS_BIND: `127.0.0.1:${statsPort}`,
    },
  });
  // -db: stay in the foreground, so the process we own is HAProxy itself.
  proxy.start(['-db', '-f', HAPROXY_CONFIG]);
  const statsUrl = `http://127.0.0.1:${statsPort}/`;
  const serverStates = async () => {
    const csv = await (await fetch(`${statsUrl};csv`)).text();
    const states: Record<string, string> = {};
    for (const line of csv.split('\n')) {
      const cells = line.split(',');
      if (cells[0] === 'instances' && cells[1] && cells[1] !== 'BACKEND' && cells[1] !== 'FRONTEND')
        states[cells[1]] = cells[17] ?? '';
    }
    return states;
  };
  await waitFor(
    `HAProxy on port ${lbPort}`,
    async () => {
      if (!proxy.running) throw new NotComing(proxy.lastOutput);
      return Object.keys(await serverStates()).length === 2;
    },
    10_000,
  );
  return { url: `http://127.0.0.1:${lbPort}`, statsUrl, serverStates, stop: () => proxy.stop() };
}
