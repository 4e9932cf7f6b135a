import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SettingsSchema } from '../../../shared/ipc/contract';
import { fieldErrorsOf } from '../../../shared';
import { JsonSettingsStore, readStoredSettings } from './settings';

const file = () => join(mkdtempSync(join(tmpdir(), 'settings-')), 'settings.json');

describe('the locale setting', () => {
  it('refuses a tag Intl cannot use, naming the field, and saves nothing', () => {
    const result = SettingsSchema.partial().safeParse({ locale: 'xx_INVALID!!' });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error)).toEqual({ locale: 'not a valid language tag' });
    const path = file();
    const store = new JsonSettingsStore(path);
    store.set({ companyName: 'Kericho Tea' });
    expect(() => store.set({ locale: 'xx_INVALID!!' })).toThrow(/locale/);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ locale: 'en-US', companyName: 'Kericho Tea' });
    expect(SettingsSchema.shape.locale.safeParse('en-KE').success).toBe(true);
  });

  it('read from a file that already holds a bad locale falls back to en-US, keeps the rest, and says so', () => {
    const path = file();
    writeFileSync(path, JSON.stringify({ locale: 'xx_INVALID!!', currency: 'KES', companyName: 'Kericho Tea' }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = new JsonSettingsStore(path);
    expect(store.get()).toMatchObject({ locale: 'en-US', currency: 'KES', companyName: 'Kericho Tea' });
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/stored locale "xx_INVALID!!" is not valid; using "en-US"/),
    );
    store.get();
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    // The next save writes the fallback over the bad value instead of being refused for it.
    store.set({ paperSize: 'Letter' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ locale: 'en-US', paperSize: 'Letter' });
  });

  it('replaces only the fields that are wrong', () => {
    const { settings, replaced } = readStoredSettings({ locale: 'fr-FR', currency: 'shillings', extra: 1 });
    expect(replaced).toEqual(['currency']);
    expect(settings).toMatchObject({ locale: 'fr-FR', currency: 'USD' });
    expect(settings).not.toHaveProperty('extra');
  });
});
