import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

/** Resident set now, in MB. */
export const rssNowMb = () => Math.round(process.memoryUsage().rss / 1048576);

/** Peak resident set so far (VmHWM), in MB; 0 where /proc is not there. */
export function peakMb(): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) >> 10;
  } catch {
    return 0;
  }
}

/**
 * Runs one of the bench's desk scripts in a process of its own and returns the JSON line it prints, so a memory
 * figure is the desk's and not the bench's (which holds its fixtures, the peer's databases and earlier figures).
 */
export async function runDeskProcess<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as T;
}

/** The body of a desk script: its result is printed as one JSON line for `runDeskProcess`; a failure exits 1. */
export function deskScript(main: () => Promise<object>): void {
  main().then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
