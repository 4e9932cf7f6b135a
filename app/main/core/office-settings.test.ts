import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { officeSettings } from './office-settings';
import { JsonSettingsStore } from './settings';

describe('officeSettings', () => {
  const dirs: string[] = [];
  const store = () => {
    const dir = mkdtempSync(join(tmpdir(), 'collectpay-office-settings-'));
    dirs.push(dir);
    return new JsonSettingsStore(join(dir, 'settings.json'));
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a desk with no office currency free to choose its own', () => {
    const settings = officeSettings(store(), () => null);
    expect(settings.set({ currency: 'JPY' }).currency).toBe('JPY');
    expect(settings.get().currency).toBe('JPY');
  });

  it('reads the office’s currency over the desk’s, refuses another beside the field, and keeps it on other saves', () => {
    let office: string | null = null;
    const own = store();
    const settings = officeSettings(own, () => office);
    settings.set({ currency: 'USD' });
    office = 'KES';
    expect(settings.get().currency).toBe('KES');
    expect(() => settings.set({ currency: 'USD' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        fields: { currency: "is the office's (KES), set on the server" },
      }),
    );
    expect(settings.set({ currency: 'KES', companyName: 'Kericho Tea Buyers' })).toMatchObject({ currency: 'KES' });
    expect(settings.set({ paperSize: 'Letter' }).currency).toBe('KES');
    expect(own.get().currency).toBe('KES');
  });
});
