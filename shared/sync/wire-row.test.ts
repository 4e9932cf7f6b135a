import { describe, expect, it } from 'vitest';
import { PullResponseSchema } from './protocol';

const page = (rows: unknown[]) => ({ changes: { suppliers: rows }, cursor: '9', has_more: false, server_time: 'now' });

describe('rows of a pull answer', () => {
  it('are checked, and kept as parsed from the JSON (no copy of every row, key by key)', () => {
    const rows = [
      { uuid: 'a', version: 1, name: 'One', notes: null },
      { uuid: 'b', version: 3, name: 'Two', extra: { kept: true } },
    ];
    const parsed = PullResponseSchema.parse(page(rows));
    expect(parsed.changes.suppliers).toEqual(rows);
    expect(parsed.changes.suppliers![0]).toBe(rows[0]);
    expect(parsed.changes.suppliers![1]).toBe(rows[1]);
  });

  it('refuse a row without a text uuid or a whole-number version, naming where it is', () => {
    for (const bad of [
      { version: 1 },
      { uuid: 7, version: 1 },
      { uuid: 'a' },
      { uuid: 'a', version: 1.5 },
      { uuid: 'a', version: 2 ** 60 },
      ['a', 1],
      null,
      'row',
    ]) {
      const result = PullResponseSchema.safeParse(page([{ uuid: 'ok', version: 1 }, bad]));
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error!.issues[0]!.path.slice(0, 3)).toEqual(['changes', 'suppliers', 1]);
    }
  });
});
