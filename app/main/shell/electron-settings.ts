import Store from 'electron-store';
import { SettingsSchema } from '../../../shared/ipc/contract';
import type { Settings } from '../../../shared/ipc/types';
import { DEFAULT_SETTINGS, loadSettings, type SettingsStore } from '../core/settings';

/** Settings in electron-store, validated with the contract's schema on every write. */
export function electronSettings(): SettingsStore {
  const store = new Store<Settings>({ name: 'settings', defaults: DEFAULT_SETTINGS });
  return {
    get: () => loadSettings(store.store, store.path),
    set(patch) {
      // Over the settings as read (a stored value now refused already replaced), so a save is never refused for it.
      const next = SettingsSchema.parse({ ...loadSettings(store.store, store.path), ...patch });
      store.store = next;
      return next;
    },
  };
}
