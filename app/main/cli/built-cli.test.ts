import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../core/auth/secret-store';
import { createCore } from '../core/create-core';
import { seedDemo } from '../core/desk/demo-seed';
import { createLocalAdmin } from '../core/desk/local-admin';
import { exportAll } from '../core/io/export';

const BUILT = 'out/cli/cli.js';
/** Reports the child's own CPU time on exit, so the measure is the CLI's work, not the machine's load. */
const CPU_PROBE = `data:text/javascript,${encodeURIComponent(
  "import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); writeSync(2, `\\ncpu-ms ${(u.user + u.system) / 1000}\\n`); });",
)}`;

/** The headless client as shipped: built by `npm run build`, run with plain node. */
describe('the built headless client', () => {
  let dir: string;
  beforeAll(async () => {
    expect(existsSync(BUILT), 'test/global-setup.ts builds it').toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'collectpay-built-cli-'));
    const core = await createCore({
      filename: join(dir, 'desk.sqlite'),
      secrets: new FileSecretStore(join(dir, 'secrets.json')),
    });
    await createLocalAdmin(core, { name: 'Grace', email: 'grace@example.com', password: 'a long password' });
    await seedDemo(core, { suppliers: 70, days: 90 });
    await core.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers `balance` in under a second of its own time, from the bundle (no TypeScript at start)', () => {
    expect(readFileSync(BUILT, 'utf8')).not.toMatch(/from ['"]tsx/);
    const runs = [1, 2, 3].map(() => {
      const started = performance.now();
      const child = spawnSync(
        process.execPath,
        ['--import', CPU_PROBE, BUILT, '--data-dir', dir, 'balance', '--supplier', 'S-0001'],
        { encoding: 'utf8' },
      );
      const wallMs = performance.now() - started;
      expect(child.status).toBe(0);
      expect(child.stdout).toMatch(
        /^S-0001 .+: collected \$[\d,]+\.\d\d, paid \$[\d,]+\.\d\d, balance -?\$[\d,]+\.\d\d\n$/,
      );
      return { cpuMs: Number(/cpu-ms ([\d.]+)/.exec(child.stderr)![1]), wallMs: Math.round(wallMs) };
    });
    console.log(
      `built CLI balance: ${runs.map((r) => `${Math.round(r.cpuMs)} ms CPU / ${r.wallMs} ms wall`).join(', ')}`,
    );
    expect(Math.min(...runs.map((r) => r.cpuMs))).toBeLessThan(1000);
  });

  it('pipes a 2 MB export through `cat` intact, byte for byte the data in the database', async () => {
    const file = join(dir, 'export.json');
    execFileSync('sh', ['-c', `"${process.execPath}" ${BUILT} --data-dir "${dir}" export --json | cat > "${file}"`]);
    expect(statSync(file).size).toBeGreaterThan(2 * 1024 * 1024);
    const piped = JSON.parse(readFileSync(file, 'utf8'));
    const core = await createCore({ filename: join(dir, 'desk.sqlite') });
    try {
      expect(piped).toEqual(await exportAll(core));
    } finally {
      await core.close();
    }
    // The human form is the same document, and survives a pipe too.
    const human = execFileSync('sh', ['-c', `"${process.execPath}" ${BUILT} --data-dir "${dir}" export | cat`], {
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    expect(JSON.parse(human)).toEqual(piped);
  });

  it('stops quietly when the reader of its output goes away (`export | head`)', async () => {
    const child = spawn(process.execPath, [BUILT, '--data-dir', dir, 'export', '--json']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
