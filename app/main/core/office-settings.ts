import { AppError } from '../../../shared';
import type { Settings } from '../../../shared/ipc/types';
import type { SettingsStore } from './settings';

/**
 * The desk's settings with the office's currency in force: once the server has said one, amounts are minor units
 * of it on every desk, so this desk shows and prints it and refuses another (a free per-desk currency re-labelled
 * every amount: Ksh 306.25 read as JP¥30,625).
 */
export function officeSettings(store: SettingsStore, officeCurrency: () => string | null): SettingsStore {
  const withOffice = (settings: Settings): Settings => {
    const currency = officeCurrency();
    return currency ? { ...settings, currency } : settings;
  };
  return {
    get: () => withOffice(store.get()),
    set(patch) {
      const currency = officeCurrency();
      if (currency && patch.currency !== undefined && patch.currency !== currency)
        throw new AppError('VALIDATION_FAILED', `The currency is the office's (${currency}), set on the server`, {
          currency: `is the office's (${currency}), set on the server`,
        });
      return withOffice(store.set(currency ? { ...patch, currency } : patch));
    },
  };
}
