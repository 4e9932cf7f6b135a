import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../../shared';
import { outboxNote, readOutboxNote } from './outbox-note';

describe('outbox.last_error notes', () => {
  it('round-trip in one shape', () => {
    const text = outboxNote('VALIDATION_FAILED', 'rate is wrong', { status: 422, fields: { rate: 'is wrong' } });
    expect(readOutboxNote(text)).toEqual({
      status: 422,
      code: 'VALIDATION_FAILED',
      message: 'rate is wrong',
      fields: { rate: 'is wrong' },
    });
  });

  it('every code a note carries is one of ERROR_CODES', () => {
    for (const code of ['NO_ANSWER', 'DISCARDED', 'MAPPED', 'CONFLICT', 'UNKNOWN'] as const)
      expect(ERROR_CODES).toContain(readOutboxNote(outboxNote(code, 'x')).code);
    expect(readOutboxNote(JSON.stringify({ status: 400, code: 'FROM_A_NEWER_SERVER', message: 'm' }))).toMatchObject({
      code: 'UNKNOWN',
      message: 'm',
    });
  });

  it('reads an older plain-text note as its message', () => {
    expect(readOutboxNote('Discarded: duplicate')).toEqual({
      status: 0,
      code: 'UNKNOWN',
      message: 'Discarded: duplicate',
      fields: null,
    });
    expect(readOutboxNote(null).code).toBe('UNKNOWN');
  });
});
