import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './main';

/** The headless client in process: what a user types, what it prints, what it stores. */
describe('headless client: arguments and messages', () => {
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

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'collectpay-cli-'));
    for (const argv of [
      ['init', '--local', '--name', 'Grace', '--email', 'grace@example.com', '--password', 'a long password'],
      ['supplier', 'add', '--code', 'S-0001', '--name', 'Amina Njeri'],
      ['product', 'add', '--code', 'TEA', '--name', 'Green tea leaf', '--unit', 'kg'],
      ['rate', 'set', '--product', 'TEA', '--rate', '32.75', '--from', '2026-01-01'],
    ])
      expect((await run(...argv)).code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a negative quantity or amount reaches validation and gets its message, naming the option once', async () => {
    const qty = await run('collection', 'add', '--supplier', 'S-0001', '--product', 'TEA', '--qty', '-3');
    expect(qty).toMatchObject({ code: 1, err: '--qty cannot be negative\n' });
    const dot = await run('collection', 'add', '--supplier', 'S-0001', '--product', 'TEA', '--qty', '-.5');
    expect(dot.err).toBe('--qty cannot be negative\n');
    const amount = await run(
      'payment',
      'add',
      '--supplier',
      'S-0001',
      '--amount',
      '-5',
      '--type',
      'advance',
      '--method',
      'cash',
    );
    expect(amount).toMatchObject({ code: 1, err: '--amount cannot be negative\n' });
    expect(JSON.parse((await run('--json', 'export')).out)).toMatchObject({ collections: [], payments: [] });
  });

  it('every validation message names the option, not the stored field, and never twice', async () => {
    const cases: [string[], string][] = [
      [
        ['collection', 'add', '--supplier', 'S-0001', '--product', 'TEA', '--qty', '1.2345'],
        '--qty allows at most 3 decimal places',
      ],
      [
        ['collection', 'add', '--supplier', 'S-0001', '--product', 'TEA', '--qty', '0'],
        '--qty must be greater than zero',
      ],
      [
        ['collection', 'add', '--supplier', 'S-0001', '--product', 'TEA', '--qty', 'lots'],
        '--qty must be a number like 12.5',
      ],
      [['supplier', 'add', '--code', 'S-0001', '--name', 'Again'], '--code is already used by supplier "Amina Njeri"'],
      [['supplier', 'add', '--code', 'bad code', '--name', 'X'], '--code may contain only letters, digits and . _ / -'],
      [
        ['rate', 'set', '--product', 'TEA', '--rate', '1', '--from', '2026-13-01'],
        '--from must be a date as YYYY-MM-DD',
      ],
      [
        ['payment', 'add', '--supplier', 'S-0001', '--amount', '5', '--type', 'gift', '--method', 'cash'],
        '--type must be one of: advance, partial, settlement',
      ],
      [['supplier', 'add', '--name', 'No code'], '--code is required'],
    ];
    for (const [argv, message] of cases) {
      const result = await run(...argv);
      expect({ argv, code: result.code, err: result.err }).toEqual({ argv, code: 1, err: `${message}\n` });
      expect(result.err).not.toMatch(/(\b\w+\b):? \1 /);
    }
  });

  it('--json errors carry the code and the field problems', async () => {
    const result = await run('--json', 'collection', 'add', '--supplier', 'S-0001', '--product', 'TEA', '--qty', '-1');
    expect(JSON.parse(result.out)).toEqual({
      error: { code: 'VALIDATION_FAILED', message: '--qty cannot be negative', fields: { qty: 'cannot be negative' } },
    });
  });

  it('records a collection and answers the balance', async () => {
    expect((await run('collection', 'add', '--supplier', 'S-0001', '--product', 'TEA', '--qty', '12.5')).code).toBe(0);
    expect((await run('balance', '--supplier', 'S-0001')).out).toBe(
      'S-0001 Amina Njeri: collected $409.38, paid $0.00, balance $409.38\n',
    );
  });
});
