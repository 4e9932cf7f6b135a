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
 * Tests of what `npm run build` makes (the built CLI, the renderer) build it first when it is missing or older
 * than its sources, so `npm test` on a fresh checkout tests today's code, not yesterday's bundle.
 */
export function ensureBuilt(output = 'out/cli/cli.js'): void {
  const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.filter((s) => existsSync(s)).map(newestMtime))) return;
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
