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

/**
 * Settings as stored, field by field: a value the schema refuses now (a locale Intl rejects, written before the
 * schema checked it) falls back to its default and is named in `replaced`, so one bad field can neither stop the
 * app opening nor wipe the good ones. Unknown keys are dropped.
 */
export function readStoredSettings(raw: unknown): { settings: Settings; replaced: (keyof Settings)[] } {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const replaced: (keyof Settings)[] = [];
  const stored = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (!(key in stored)) continue;
    const parsed = SettingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) Object.assign(settings, { [key]: parsed.data });
    else replaced.push(key);
  }
  return { settings, replaced };
}

/** Said once per file and value: settings are read on most calls. */
const alreadySaid = new Set<string>();

/** Reads stored settings and says on stderr which stored values were replaced by their defaults. */
export function loadSettings(raw: unknown, where: string): Settings {
  const { settings, replaced } = readStoredSettings(raw);
  for (const key of replaced) {
    const said = `Settings (${where}): the stored ${key} ${JSON.stringify((raw as Record<string, unknown>)[key])} is not valid; using ${JSON.stringify(settings[key])}.`;
    if (alreadySaid.has(said)) continue;
    alreadySaid.add(said);
    console.warn(said);
  }
  return settings;
}

/** Where the desk's preferences live: electron-store in the app, a JSON file for the test host. */
export interface SettingsStore {
  get(): Settings;
  set(patch: Partial<Settings>): Settings;
}

export class JsonSettingsStore implements SettingsStore {
  constructor(private readonly path: string) {}

  get(): Settings {
    if (!existsSync(this.path)) return { ...DEFAULT_SETTINGS };
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
    return loadSettings(raw, this.path);
  }

  set(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.get(), ...patch });
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, JSON.stringify(next, null, 2));
    renameSync(`${this.path}.tmp`, this.path);
    return next;
  }
}
