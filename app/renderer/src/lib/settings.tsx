import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { formatMoney, formatQuantity } from '../../../../shared';
import type { SessionInfo, Settings } from '../../../../shared/ipc/types';
import { call } from './api';

interface AppContext {
  settings: Settings | null;
  session: SessionInfo | null;
  setSession(session: SessionInfo): void;
  setSettings(settings: Settings): void;
  money(minor: number): string;
}

const Context = createContext<AppContext | null>(null);

export function AppProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [session, setSession] = useState<SessionInfo | null>(null);
  useEffect(() => {
    call('settings.get', {}).then(setSettings, () => undefined);
    call('session.info', {}).then(setSession, () => undefined);
  }, []);
  const money = (minor: number) =>
    formatMoney(minor, { currency: settings?.currency ?? 'USD', locale: settings?.locale ?? 'en-US' });
  return <Context.Provider value={{ settings, session, setSession, setSettings, money }}>{children}</Context.Provider>;
}

export function useApp(): AppContext {
  const context = useContext(Context);
  if (!context) throw new Error('useApp outside AppProvider');
  return context;
}

export const qty = formatQuantity;

export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
