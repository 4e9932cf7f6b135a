import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../shared/ipc/contract';
import { dispatch } from './dispatch';
import { SyncHttpError } from './sync/http-client';

const failing = (error: Error) => ({ 'sync.status': () => Promise.reject(error) }) as unknown as Handlers;

describe('a call the server refuses', () => {
  it('comes back with the server’s code and fields, so each problem can sit beside its field', async () => {
    const refused = new SyncHttpError(
      'client',
      'data.void_reason: must be at most 500 characters',
      422,
      'VALIDATION_FAILED',
      {
        'data.void_reason': 'must be at most 500 characters',
      },
    );
    expect(await dispatch(failing(refused), 'sync.status', {})).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'data.void_reason: must be at most 500 characters',
        fields: { 'data.void_reason': 'must be at most 500 characters' },
      },
    });
  });

  it('an unexpected failure stays INTERNAL, with no fields', async () => {
    const down = new SyncHttpError('server', 'The server answered 503', 503, 'UNAVAILABLE');
    expect(await dispatch(failing(down), 'sync.status', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The server answered 503' },
    });
  });
});
