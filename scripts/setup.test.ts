import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, 'setup.mjs');

/**
 * `npm run setup` on a machine without Chromium, shown by hiding it: PATH holds only a folder of our own, with
 * stand-ins for the build tools, and fake `apt-get` and `npm` that log what they are asked (the fake apt-get
 * "installs" by placing the programs in that folder). Nothing real is installed or uninstalled.
 */
describe('npm run setup', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function machine(options: { apt?: boolean } = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'collectpay-setup-'));
    dirs.push(dir);
    chmodSync(dir, 0o777);
    const bin = join(dir, 'bin');
    const log = join(dir, 'calls.log');
    writeFileSync(log, '');
    chmodSync(log, 0o666);
    mkdirSync(bin);
    chmodSync(bin, 0o777);
    const script = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    // Setup only looks for the build tools; it never runs them.
    for (const name of ['python3', 'make', 'g++']) script(name, 'exit 0');
    script('npm', 'exit 0');
    if (options.apt !== false)
      script(
        'apt-get',
        `if [ "$1" = install ]; then for tool in chromium pdftotext pdftoppm socat; do printf '#!/bin/sh\\n' > "${bin}/$tool"; /bin/chmod +x "${bin}/$tool"; done; fi`,
      );
    return {
      bin,
      calls: () => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean),
      /** Puts (empty) programs of these names on the machine's PATH. */
      have(tools: string[]) {
        for (const tool of tools) script(tool, 'exit 0');
      },
      run(options: { asUser?: string; args?: string[]; env?: Record<string, string> } = {}) {
        const env: Record<string, string> = { PATH: bin, HOME: dir, ...options.env };
        if (process.env.TEST_MYSQL_URL && !env.TEST_MYSQL_URL) env.TEST_MYSQL_URL = process.env.TEST_MYSQL_URL;
        const node = [process.execPath, SCRIPT, ...(options.args ?? [])];
        const [file, ...args] = options.asUser
          ? ['/usr/bin/setpriv', '--reuid', options.asUser, '--regid', options.asUser, '--clear-groups', ...node]
          : node;
        return spawnSync(file!, args, { env, encoding: 'utf8', timeout: 60_000 });
      },
    };
  }

  it('as root without Chromium: installs Chromium, poppler-utils and socat with apt, then installs and builds', () => {
    const m = machine();
    expect(existsSync(join(m.bin, 'chromium'))).toBe(false);
    const result = m.run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(m.calls()).toEqual([
      'apt-get update',
      'apt-get install -y chromium poppler-utils socat',
      'npm ci --ignore-scripts',
      'npm rebuild better-sqlite3 @serialport/bindings-cpp',
      'npm run build',
    ]);
    expect(result.stdout).toContain('Missing: chromium — for PDF reports and the browser tests.');
    expect(result.stdout).toMatch(/Ready in \d+ s: run `npm test`/);
  });

  it('as a user who cannot install: stops before anything else with the exact command to run', () => {
    const m = machine();
    const result = m.run({ asUser: '65534' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('sudo apt-get install -y chromium poppler-utils socat\n');
    expect(m.calls()).toEqual([]);
  });

  it('without apt (not Debian): names what to install and how to point at a Chromium', () => {
    const m = machine({ apt: false });
    const result = m.run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('install chromium, poppler-utils, socat');
    expect(result.stderr).toContain('CHROMIUM_PATH');
    expect(m.calls()).toEqual([]);
  });

  it('with everything present (Chromium through CHROMIUM_PATH): installs nothing from apt', () => {
    const m = machine();
    m.have(['chromium-bin', 'pdftotext', 'pdftoppm', 'socat']);
    const result = m.run({ env: { CHROMIUM_PATH: join(m.bin, 'chromium-bin') } });
    expect(result.status).toBe(0);
    expect(m.calls()).toEqual([
      'npm ci --ignore-scripts',
      'npm rebuild better-sqlite3 @serialport/bindings-cpp',
      'npm run build',
    ]);
  });

  it('stops with the database to start when none answers', () => {
    const m = machine();
    m.have(['chromium', 'pdftotext', 'pdftoppm', 'socat']);
    const result = m.run({ env: { TEST_MYSQL_URL: 'mysql://root@127.0.0.1:9' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no MySQL/MariaDB server answers at 127.0.0.1:9');
    expect(result.stderr).toContain('apt-get install -y mariadb-server');
    expect(m.calls()).not.toContain('npm run build');
  });

  it('answers --help without doing anything', () => {
    const m = machine();
    const result = m.run({ args: ['--help'] });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run setup/);
    expect(m.calls()).toEqual([]);
  });
});
