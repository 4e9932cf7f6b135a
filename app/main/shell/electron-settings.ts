import Store from 'electron-store';
import { SettingsSchema } from '../../../shared/ipc/contract';
import type { Settings } from '../../../shared/ipc/types';
import { DEFAULT_SETTINGS, type SettingsStore } from '../core/settings';

/** Settings in electron-store, validated with the contract's schema on every write. */
export function electronSettings(): SettingsStore {
  const store = new Store<Settings>({ name: 'settings', defaults: DEFAULT_SETTINGS });
  return {
    get: () => ({ ...DEFAULT_SETTINGS, ...SettingsSchema.partial().parse(store.store) }),
    set(patch) {
      const next = SettingsSchema.parse({ ...DEFAULT_SETTINGS, ...store.store, ...patch });
      store.store = next;
      return next;
    },
  };
}
