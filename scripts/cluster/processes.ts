import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

/** Children still running: killed when this process exits, however it exits, so no node outlives a test. */
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

/** The first of these executables found on PATH (or as an absolute path), or null. */
export function findExecutable(...names: string[]): string | null {
  for (const name of names) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

/** Thrown from a readiness check when waiting longer is pointless (the process has exited). */
export class NotComing extends Error {}

/**
 * Polls `ready` until it answers true or the time is up; the message says what never became ready. Errors
 * mean "not yet", except NotComing, which ends the wait at once.
 */
export async function waitFor(what: string, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await ready().catch((error: unknown) => {
      if (error instanceof NotComing) throw new Error(`${what} did not start: ${error.message}`);
      return false;
    });
    if (answer) return;
    if (Date.now() > deadline) throw new Error(`${what} did not become ready within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A child process we own: started, killed hard or stopped politely, and awaited. */
export class OwnedProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private stderrTail = '';

  private log: WriteStream | null = null;

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly options: SpawnOptions & { logFile?: string } = {},
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The last lines the process wrote to stderr, for error messages. */
  get lastOutput(): string {
    return this.stderrTail.trim();
  }

  start(args: string[]): void {
    if (this.child) throw new Error(`${this.name} is already running`);
    const { logFile, ...options } = this.options;
    const child = spawn(this.command, args, { stdio: ['ignore', logFile ? 'pipe' : 'ignore', 'pipe'], ...options });
    this.log ??= logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
    child.stdout?.on('data', (chunk: Buffer) => this.log?.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.log?.write(chunk);
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
    });
    alive.add(child);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => {
      alive.delete(child);
      if (this.child === child) this.child = null;
    });
    this.child = child;
  }

  /** Sends a signal and waits for the exit (SIGKILL: a crash; SIGTERM: a graceful stop). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill(signal);
    await this.exited;
  }

  async stop(timeoutMs = 20_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}
