import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../app/main/cli/main';
import { PASSWORD, startOffice } from './desks';

/** Nothing listens here: the desk is offline while it points at it. */
const AWAY = 'http://127.0.0.1:9';

/** The headless client takes the office's clock from the server like a desk: its statement prints 06:31, not 03:31. */
describe('headless client on the office clock', () => {
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

  beforeAll(async () => {
    office = await startOffice({ orgTimeZone: 'Africa/Nairobi', orgCurrency: 'KES' });
    dir = mkdtempSync(join(tmpdir(), 'collectpay-clock-cli-'));
  });
  afterAll(async () => {
    await office?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints record times on the server’s zone, also offline on a later run', async () => {
    expect(process.env.ORG_TIMEZONE).toBeUndefined();
    expect((await run(office.url, 'login', '--email', 'supervisor@example.com', '--password', PASSWORD)).code).toBe(0);
    for (const argv of [
      ['supplier', 'add', '--code', 'S-0631', '--name', 'Jepkoech Langat'],
      ['product', 'add', '--code', 'TEA', '--name', 'Green tea leaf', '--unit', 'kg'],
      ['rate', 'set', '--product', 'TEA', '--rate', '24.50', '--from', '2026-01-01'],
      ['collection', 'add', '--supplier', 'S-0631', '--product', 'TEA', '--qty', '10', '--at', '2026-11-28T03:31:00Z'],
    ])
      expect(await run(AWAY, ...argv)).toMatchObject({ code: 0, err: '' });

    const file = join(dir, 'statement.html');
    const printed = await run(
      AWAY,
      'report',
      'statement',
      '--supplier',
      'S-0631',
      '--from',
      '2026-11-28',
      '--to',
      '2026-11-28',
      '--out',
      file,
    );
    expect(printed).toMatchObject({ code: 0, err: '' });
    const html = readFileSync(file, 'utf8');
    // Amounts in the office's shillings, not the client's default dollars.
    expect(html).toContain('KES');
    expect(html).not.toContain('$');
    expect(html).toContain('2026-11-28 06:31');
    expect(html).not.toContain('2026-11-28 03:31');
  });
});
