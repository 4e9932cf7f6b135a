import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { formatMoney, formatQuantityGrouped, localDateOf } from '../../../../shared';
import type { SessionInfo, SetupStatus, Settings } from '../../../../shared/ipc/types';
import { call } from './api';
import { formatWhen } from './clock';

interface AppContext {
  settings: Settings | null;
  session: SessionInfo | null;
  setup: SetupStatus | null;
  /** Re-reads the session and the desk's mode (after first run, demo, connect). */
  refresh(): Promise<void>;
  setSession(session: SessionInfo): void;
  setSettings(settings: Settings): void;
  money(minor: number): string;
  /** An instant of a record on the org's clock (session.orgTimeZone), whatever this computer's zone is. */
  when(iso: string | null | undefined): string;
  /** This desk's own events (last sync, when an op was queued) on this computer's clock, in the desk's locale. */
  deskWhen(iso: string | null | undefined): string;
  /** Today's date ("2026-11-29") on the org's clock: the default for every date a form asks for. */
  today(): string;
  /** The calendar day an instant falls on, on the org's clock. */
  day(iso: string): string;
}

const Context = createContext<AppContext | null>(null);

export function AppProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [setup, setSetup] = useState<SetupStatus | null>(null);
  const refresh = async () => {
    const [nextSession, nextSetup, nextSettings] = await Promise.all([
      call('session.info', {}),
      call('setup.status', {}),
      call('settings.get', {}),
    ]);
    setSettings(nextSettings);
    setSetup(nextSetup);
    setSession(nextSession);
  };
  useEffect(() => {
    void refresh().catch(() => undefined);
  }, []);
  const money = (minor: number) =>
    formatMoney(minor, { currency: settings?.currency ?? 'USD', locale: settings?.locale ?? 'en-US' });
  const when = (iso: string | null | undefined) =>
    formatWhen(iso, { timeZone: session?.orgTimeZone, locale: settings?.locale });
  const deskWhen = (iso: string | null | undefined) => formatWhen(iso, { locale: settings?.locale });
  const orgZone = session?.orgTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const day = (iso: string) => localDateOf(iso, orgZone);
  const today = () => localDateOf(new Date(), orgZone);
  return (
    <Context.Provider
      value={{ settings, session, setup, refresh, setSession, setSettings, money, when, deskWhen, today, day }}
    >
      {children}
    </Context.Provider>
  );
}

export function useApp(): AppContext {
  const context = useContext(Context);
  if (!context) throw new Error('useApp outside AppProvider');
  return context;
}

/** Quantities on screen, grouped like amounts (100,000 kg). */
export const qty = formatQuantityGrouped;
