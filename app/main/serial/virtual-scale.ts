import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A scale played on a pseudo-terminal pair (socat): tests and try-outs write what a scale would send into one
 * end, and the reader opens the other as its serial port. The links keep their names across restarts, so a
 * test can unplug (stop) and plug back (start) the same "port".
 */
export class VirtualScale {
  readonly dir: string;
  /** The end the desk opens, like /dev/ttyUSB0. */
  readonly deskPath: string;
  private readonly scalePath: string;
  private socat: ChildProcess | null = null;
  private fd: number | null = null;

  constructor(dir = mkdtempSync(join(tmpdir(), 'collectpay-scale-'))) {
    this.dir = dir;
    this.deskPath = join(dir, 'desk');
    this.scalePath = join(dir, 'scale');
  }

  /** Starts socat and waits until both ends exist. */
  async start(): Promise<void> {
    const socat = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${this.scalePath}`, `pty,raw,echo=0,link=${this.deskPath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.socat = socat;
    let log = '';
    let failed: Error | null = null;
    socat.once('error', (error) => (failed = error));
    socat.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const started = Date.now();
    while (!/starting data transfer loop/.test(log)) {
      if (failed)
        throw new Error(`cannot run socat (is it installed? apt-get install socat): ${(failed as Error).message}`);
      if (socat.exitCode !== null) throw new Error(`socat exited: ${log}`);
      if (Date.now() - started > 10_000) throw new Error(`socat did not start: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (!existsSync(this.deskPath) || !existsSync(this.scalePath)) throw new Error(`socat made no links: ${log}`);
    this.fd = openSync(this.scalePath, 'w');
  }

  /** Sends bytes as the scale would (a string is sent byte for byte, latin1). */
  send(data: string | Uint8Array): void {
    if (this.fd === null) throw new Error('the virtual scale is not running');
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    writeSync(this.fd, bytes);
  }

  /** Pulls the plug: socat ends and both ends vanish. */
  async stop(): Promise<void> {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    const socat = this.socat;
    this.socat = null;
    if (!socat || socat.exitCode !== null) return;
    const exited = new Promise((resolve) => socat.once('exit', resolve));
    socat.kill('SIGTERM');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
