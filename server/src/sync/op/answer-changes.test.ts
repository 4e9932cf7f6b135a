import { describe, expect, it } from 'vitest';
import { changesOf } from './answer-changes';

describe('a written row as its changes against what the op sent', () => {
  const row = {
    uuid: 'u-1',
    version: 3,
    created_at: '2026-11-20T07:45:04.002Z',
    name: 'Kiprono',
    code: 'K-1',
    phone: '0700',
    notes: null,
    active: true,
    details: { bank: 'X' },
  };

  it('keeps uuid and version, and leaves out every value sent as it is', () => {
    const sent = { uuid: 'u-1', version: 2, name: 'Kiprono', code: 'K-1', phone: '0700', notes: null, active: true };
    expect(changesOf(sent, row)).toEqual({
      uuid: 'u-1',
      version: 3,
      created_at: '2026-11-20T07:45:04.002Z',
      details: { bank: 'X' },
    });
  });

  it('gives a value the server changed, a column the op left out, and any object value', () => {
    const sent = { uuid: 'u-1', name: 'kiprono ', code: 'K-1', notes: '', active: 1, details: { bank: 'X' } };
    expect(changesOf(sent, row)).toEqual({
      uuid: 'u-1',
      version: 3,
      created_at: '2026-11-20T07:45:04.002Z',
      name: 'Kiprono',
      phone: '0700',
      notes: null,
      active: true,
      details: { bank: 'X' },
    });
  });

  it('lays over what was sent to give the row back', () => {
    const sent = { uuid: 'u-1', version: 1, name: 'x', code: 'K-1', extra: 'ignored by the columns' };
    const merged: Record<string, unknown> = { ...sent, ...changesOf(sent, row) };
    for (const [key, value] of Object.entries(row)) expect(merged[key]).toEqual(value);
  });

  it('does not take a key inherited from the prototype for one sent', () => {
    const sent = Object.create({ name: 'Kiprono' }) as Record<string, unknown>;
    expect(changesOf(sent, row)).toMatchObject({ name: 'Kiprono' });
  });
});
