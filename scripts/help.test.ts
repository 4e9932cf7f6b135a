import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Every npm script that takes options answers `--help`, through npm as a user types it, and does nothing else. */
const SCRIPTS: [script: string, mentions: string[]][] = [
  ['setup', ['Chromium', 'poppler-utils', 'TEST_MYSQL_URL']],
  ['demo', ['--port', '--desk-port', 'DESK_PORT', '--browser', 'offline']],
  ['server', ['user:add', 'migrate']],
  ['cli:dev', ['balance --supplier', 'export --json']],
  ['bench', ['--quick']],
  ['sim', ['--seed', '--faults']],
  ['test-host', ['--server', '--port']],
  ['docs:pictures', ['docs/screenshots', 'docs/reports']],
];

describe('--help', () => {
  it.each(SCRIPTS)('npm run %s -- --help', (script, mentions) => {
    const result = spawnSync('npm', ['run', '--silent', script, '--', '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).not.toMatch(/Unknown option|Error/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage:/m);
    for (const text of mentions) expect(result.stdout).toContain(text);
  });

  it('npm run cli -- --help (the built client; test/global-setup.ts builds it)', () => {
    const result = spawnSync('npm', ['run', '--silent', 'cli', '--', '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run cli/);
  });

  it('server user:add --help', () => {
    const result = spawnSync('npm', ['run', '--silent', 'server', '--', 'user:add', '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('user:add --email');
  });
});
