import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs `server/src/main.ts` with the given environment until it exits; returns its code and stderr. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'main.ts')], {
      env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => done({ code, stderr, ms: Date.now() - started }));
  });
}

describe('server start when the database cannot be reached', () => {
  it('by default fails at once, naming the trouble', async () => {
    const result = await runServer({ MYSQL_URL: 'mysql://root@127.0.0.1:1/collectpay', DB_WAIT_SECONDS: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Server failed to start: connect ECONNREFUSED 127.0.0.1:1');
    expect(result.stderr).not.toContain('trying again');
  });

  it('with DB_WAIT_SECONDS, says it is waiting and tries again until the time is up', async () => {
    const result = await runServer({ MYSQL_URL: 'mysql://root@127.0.0.1:1/collectpay', DB_WAIT_SECONDS: '2' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'The database is not reachable yet (connect ECONNREFUSED 127.0.0.1:1); trying again',
    );
    expect(result.stderr.match(/trying again/g)!.length).toBeGreaterThanOrEqual(2);
  });
});
