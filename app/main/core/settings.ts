import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ENTITY_TYPES } from '../../../shared';
import { SettingsSchema } from '../../../shared/ipc/contract';
import type { Settings } from '../../../shared/ipc/types';

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: '',
  currency: 'USD',
  locale: 'en-US',
  companyName: '',
  companyAddress: '',
  // Every type the registry knows: saving Settings must not stop a desk pulling a type added later (pay runs).
  selectiveSync: [...ENTITY_TYPES],
  paperSize: 'A4',
  defaultPrinter: '',
  scale: null,
};

/** Where the desk's preferences live: electron-store in the app, a JSON file for the test host. */
export interface SettingsStore {
  get(): Settings;
  set(patch: Partial<Settings>): Settings;
}

export class JsonSettingsStore implements SettingsStore {
  constructor(private readonly path: string) {}

  get(): Settings {
    if (!existsSync(this.path)) return { ...DEFAULT_SETTINGS };
    try {
      const parsed = SettingsSchema.partial().safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
  }

  set(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.get(), ...patch });
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, JSON.stringify(next, null, 2));
    renameSync(`${this.path}.tmp`, this.path);
    return next;
  }
}
