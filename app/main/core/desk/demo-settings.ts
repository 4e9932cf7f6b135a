import { SettingsSchema } from '../../../../shared/ipc/contract';
import type { Settings } from '../../../../shared/ipc/types';
import type { SettingsStore } from '../settings';

/** Kericho keeps East Africa Time (UTC+3, no daylight saving): the demo's office, seed and desks all use it. */
export const DEMO_TIME_ZONE = 'Africa/Nairobi';

/** The demo's story: a tea buyer in Kericho, Kenya, paying its growers in shillings. */
export const DEMO_COMPANY: Pick<Settings, 'companyName' | 'companyAddress' | 'currency' | 'locale'> = {
  companyName: 'Kericho Highlands Tea Buyers Ltd',
  companyAddress: 'P.O. Box 245-20200, Kericho, Kenya · +254 722 000 245',
  currency: 'KES',
  locale: 'en-KE',
};

/**
 * Settings while exploring the in-app demo: the demo company over the desk's own settings, and changes kept in
 * memory only, so leaving the demo leaves the desk's settings as they were.
 */
export function demoSettings(base: SettingsStore): SettingsStore {
  let overlay: Partial<Settings> = { ...DEMO_COMPANY };
  return {
    get: () => ({ ...base.get(), ...overlay }),
    set(patch) {
      const next = SettingsSchema.parse({ ...base.get(), ...overlay, ...patch });
      overlay = { ...overlay, ...patch };
      return next as Settings;
    },
  };
}
