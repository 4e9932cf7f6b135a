import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../scripts/free-port';

export const now = () => performance.now();

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number = process.pid): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return pid === process.pid ? Math.round(process.memoryUsage().rss / 1048576) : 0;
  }
}

/** The real server in its own process (so its memory is its own), on the given database. */
export async function startServerProcess(
  mysqlUrl: string,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  // BENCH_CPU_PROF=dir writes the server's CPU profile there on exit (docs/performance.md, "Profiling").
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  // BENCH_SERVER_DIR=checkout runs that checkout's server (an A/B of a server change against the same desk);
  // BENCH_SERVER_FLAGS adds Node flags to it (docs/performance.md, "Profiling").
  const flags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
  const main = join(process.env.BENCH_SERVER_DIR ?? '.', 'server/src/main.ts');
  const child: ChildProcess = spawn(process.execPath, [...flags, ...prof, '--import', 'tsx', main], {
    env: {
      ...process.env,
      MYSQL_URL: mysqlUrl,
      PORT: String(port),
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0',
      LOG_LEVEL: 'error',
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export interface Figure {
  id: string;
  name: string;
  value: number;
  unit: string;
  baseline: number;
  baselineName: string;
  /** value ÷ baseline, oriented so that 1.0 means "as good as raw" (higher is better for throughput). */
  ratio: number;
  target: string;
  met: boolean | null;
  notes?: string;
}

export function table(figures: Figure[]): string {
  const rows = [['#', 'figure', 'value', 'raw baseline', 'ratio', 'target', 'met']];
  for (const f of figures) {
    rows.push([
      f.id,
      f.name,
      `${f.value} ${f.unit}`,
      `${f.baseline} ${f.unit} (${f.baselineName})`,
      f.ratio.toFixed(2),
      f.target,
      f.met === null ? '—' : f.met ? 'yes' : 'NO',
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map(
      (r, i) =>
        `| ${r.map((c, j) => c.padEnd(widths[j]!)).join(' | ')} |${i === 0 ? `\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|` : ''}`,
    )
    .join('\n');
}

/**
 * How the cost grows from the smallest to the largest of three sizes, each 2× the one before (so 4× the work):
 * against linear growth (4×), with 10% slack.
 */
export function growthFigure(id: string, name: string, times: number[]): Figure {
  const growth = times[2]! / times[0]!;
  return {
    id,
    name,
    value: Math.round(growth * 100) / 100,
    unit: '×',
    baseline: 4,
    baselineName: 'linear',
    ratio: 4 / growth,
    target: '≤ 4.4×',
    met: growth <= 4.4,
  };
}
