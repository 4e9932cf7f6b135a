import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeRun } from '../core/test-support';
import { runCli } from './main';
import { openDesk } from './open-desk';

const CLOSED =
  '2026-11-01 to 2026-11-28 is closed for this supplier by settlement run NOV-A "Run NOV-A": ' +
  '%s dated %d can no longer change; record an adjustment dated in the open period instead\n';

/** The headless client refuses a closed period as the desk does: the run, its period, what to do instead. */
describe('headless client: a closed period', () => {
  let dir: string;
  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(['--data-dir', dir, ...argv], {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
    });
    return { code, out, err };
  };
  const exported = async () => JSON.parse((await run('--json', 'export')).out) as Record<string, unknown[]>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'collectpay-cli-closed-'));
    for (const argv of [
      ['init', '--local', '--name', 'Grace', '--email', 'grace@example.com', '--password', 'a long password'],
      ['supplier', 'add', '--code', 'S-0001', '--name', 'Amina Njeri'],
      ['product', 'add', '--code', 'TEA', '--name', 'Green tea leaf', '--unit', 'kg'],
      ['rate', 'set', '--product', 'TEA', '--rate', '32.75', '--from', '2026-01-01'],
    ])
      expect((await run(...argv)).code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses `collection add --at` and `payment void` in the period, and stores nothing', async () => {
    const desk = await openDesk({ dataDir: dir });
    const supplier = await desk.suppliers.getByCode('S-0001');
    const paid = await desk.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 5_000,
      type: 'advance',
      method: 'cash',
      paid_at: '2026-11-28T09:00:00.000Z',
    });
    await storeRun(desk, { code: 'NOV-A', from: '2026-11-01', to: '2026-11-28', suppliers: [supplier.uuid] });
    await desk.close();
    const before = await exported();

    const add = await run(
      'collection',
      'add',
      '--supplier',
      'S-0001',
      '--product',
      'TEA',
      '--qty',
      '3',
      '--at',
      '2026-11-20T08:00:00Z',
    );
    expect(add).toMatchObject({ code: 1, err: CLOSED.replace('%s', 'collections').replace('%d', '2026-11-20') });
    const voided = await run('payment', 'void', '--uuid', paid.uuid, '--reason', 'paid twice');
    expect(voided).toMatchObject({ code: 1, err: CLOSED.replace('%s', 'payments').replace('%d', '2026-11-28') });
    const json = await run('--json', 'payment', 'void', '--uuid', paid.uuid, '--reason', 'paid twice');
    expect(JSON.parse(json.out)).toMatchObject({
      error: { code: 'PERIOD_CLOSED', fields: { paid_at: expect.stringContaining('settlement run NOV-A') } },
    });
    expect(await exported()).toEqual(before);
  });
});
