import { describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import type { Handlers } from '../../../shared/ipc/contract';
import { SettingsSchema } from '../../../shared/ipc/settings';

describe('the currency setting', () => {
  it('takes a code Intl knows and names the field for one it does not', () => {
    expect(SettingsSchema.shape.currency.safeParse('KES').success).toBe(true);
    expect(SettingsSchema.shape.currency.safeParse('JPY').success).toBe(true);
    const wrong = SettingsSchema.shape.currency.safeParse('XYZ');
    expect(wrong.error?.issues.map((i) => i.message)).toEqual(['is not a currency code (such as KES, USD or EUR)']);
  });

  it('is refused at the IPC boundary with the message beside the field, before any handler runs', async () => {
    let called = false;
    const handlers = {
      'settings.set': async () => {
        called = true;
      },
    } as unknown as Handlers;
    const result = await dispatch(handlers, 'settings.set', { currency: 'XYZ' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: { currency: 'is not a currency code (such as KES, USD or EUR)' } },
    });
    expect(called).toBe(false);
  });
});
