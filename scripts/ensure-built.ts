import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['app', 'shared', 'package.json', 'electron.vite.config.ts', 'vite.cli.config.ts'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Whatever needs what `npm run build` makes (the built CLI's tests, the demo's browser desk) builds it first when
 * it is missing or older than its sources, so a fresh checkout runs today's code, not yesterday's bundle.
 */
export function ensureBuilt(outputs: string[] = ['out/cli/cli.js', 'out/renderer/index.html']): void {
  const builtAt = Math.min(...outputs.map((o) => (existsSync(o) ? statSync(o).mtimeMs : 0)));
  if (builtAt > Math.max(...SOURCES.filter((s) => existsSync(s)).map(newestMtime))) return;
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
