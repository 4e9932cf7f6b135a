import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** Runs the server CLI (`server/src/main.ts`) with `args`, the environment and standard input given. */
export function runCli(args: string[], env: Record<string, string>, input = '') {
  return new Promise<{ code: number | null; out: string }>((done) => {
    const main = resolve(import.meta.dirname, '../src/main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.stdin.end(input);
    child.on('exit', (code) => done({ code, out }));
  });
}
