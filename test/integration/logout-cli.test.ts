import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../app/main/cli/main';
import { PASSWORD, startOffice } from './desks';

/** Nothing listens here: the desk is offline while it points at it. */
const AWAY = 'http://127.0.0.1:9';

/** The headless `logout` as the desktop's Sign out: send first, then refuse to strand changes unless --force. */
describe('headless logout with unsent changes', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  let dir: string;
  const run = async (server: string, ...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(['--data-dir', dir, '--server', server, ...argv], {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
    });
    return { code, out, err };
  };
  const suppliersOnServer = async (code: string) =>
    office.harness.test.db.selectFrom('suppliers').select('code').where('code', '=', code).execute();

  beforeAll(async () => {
    office = await startOffice({ orgTimeZone: 'UTC' });
    dir = mkdtempSync(join(tmpdir(), 'collectpay-logout-cli-'));
  });
  afterAll(async () => {
    await office?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses while changes are unsent (naming --force), sends them when it can, and --force signs out anyway', async () => {
    expect((await run(office.url, 'login', '--email', 'supervisor@example.com', '--password', PASSWORD)).code).toBe(0);
    expect((await run(AWAY, 'supplier', 'add', '--code', 'OFF-1', '--name', 'Offline one')).code).toBe(0);

    const refused = await run(AWAY, 'logout');
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/^Still signed in: 1 change not yet sent\. .*--force/);
    expect((await run(AWAY, 'status')).out).toMatch(/Signed in: +The supervisor </);
    expect(JSON.parse((await run(AWAY, '--json', 'logout')).out)).toEqual({ ok: false, unsent: 1 });

    // Back online: the change goes out first, then the sign-out.
    expect(await run(office.url, 'logout')).toMatchObject({ code: 0, out: 'Signed out. Nothing left to send.\n' });
    expect(await suppliersOnServer('OFF-1')).toHaveLength(1);

    expect((await run(office.url, 'login', '--email', 'supervisor@example.com', '--password', PASSWORD)).code).toBe(0);
    expect((await run(AWAY, 'supplier', 'add', '--code', 'OFF-2', '--name', 'Offline two')).code).toBe(0);
    expect(await run(AWAY, 'logout', '--force')).toMatchObject({
      code: 0,
      out: 'Signed out. 1 change not yet sent stays queued on this desk.\n',
    });
    expect((await run(AWAY, 'status')).out).toMatch(/Signed in: +no\n[\s\S]*Pending changes: 1\n/);
    expect(await suppliersOnServer('OFF-2')).toHaveLength(0);
  });
});
