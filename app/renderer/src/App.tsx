import { useEffect, useState } from 'react';
import { StatusBar } from './components/StatusBar';
import { CollectionEntry } from './features/collections/CollectionEntry';
import { ConflictsScreen } from './features/conflicts/ConflictsScreen';
import { Dashboard } from './features/dashboard/Dashboard';
import { FirstRunScreen } from './features/first-run/FirstRunScreen';
import { LeaveDemoButton } from './features/first-run/LeaveDemoButton';
import { LoginScreen } from './features/login/LoginScreen';
import { SignOutButton } from './features/login/SignOutButton';
import { PaymentsScreen } from './features/payments/PaymentsScreen';
import { ProductsScreen } from './features/products/ProductsScreen';
import { ReportsScreen, type ReportPreset } from './features/reports/ReportsScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { SettlementsScreen } from './features/settlements/SettlementsScreen';
import { SupplierDetail } from './features/suppliers/SupplierDetail';
import { SuppliersScreen } from './features/suppliers/SuppliersScreen';
import { SyncScreen } from './features/sync/SyncScreen';
import { can } from '../../../shared';
import { call, onEvent } from './lib/api';
import { useApp } from './lib/settings';

export type Screen =
  | { name: 'dashboard' }
  | { name: 'collections' }
  | { name: 'suppliers' }
  | { name: 'supplier'; uuid: string }
  | { name: 'payments'; supplier?: string }
  | { name: 'products' }
  | { name: 'reports'; preset?: ReportPreset }
  | { name: 'sync' }
  | { name: 'conflicts' }
  | { name: 'settlements' }
  | { name: 'settings' };

const NAV: { screen: Screen['name']; label: string; key: string; supervisor?: boolean }[] = [
  { screen: 'dashboard', label: 'Dashboard', key: '1' },
  { screen: 'collections', label: 'Collections', key: '2' },
  { screen: 'suppliers', label: 'Suppliers', key: '3' },
  { screen: 'payments', label: 'Payments', key: '4' },
  { screen: 'products', label: 'Products & rates', key: '5' },
  { screen: 'sync', label: 'Sync', key: '6' },
  { screen: 'settings', label: 'Settings', key: '7' },
  { screen: 'reports', label: 'Reports', key: '8' },
  // Only supervisors settle conflicts; a clerk sees "awaiting supervisor" on the rows concerned instead.
  { screen: 'conflicts', label: 'Conflicts', key: '9', supervisor: true },
  { screen: 'settlements', label: 'Settlements', key: '0' },
];

export function App() {
  const { session, setSession, setup, refresh } = useApp();
  const [screen, setScreen] = useState<Screen>({ name: 'dashboard' });
  const [toast, setToast] = useState<string | null>(null);
  const supervisor = can(session?.user?.role, 'conflicts.list');
  const nav = NAV.filter((item) => !item.supervisor || supervisor);

  useEffect(
    () =>
      onEvent('conflicts.new', (c) => {
        setToast(
          `A ${c.type} conflict on ${c.entity_type.replace('_', ' ')} ${c.status === 'open' ? 'waits for a supervisor' : 'was settled automatically'}.`,
        );
        setTimeout(() => setToast(null), 10_000);
      }),
    [],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const item = (e.ctrlKey || e.metaKey) && nav.find((n) => n.key === e.key);
      if (item) {
        e.preventDefault();
        setScreen({ name: item.screen } as Screen);
      } else if (e.key === 'F5') {
        e.preventDefault();
        void call('sync.now', {}).catch(() => undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [supervisor]);

  if (!session || !setup) return <p className="loading">Starting…</p>;
  if (!session.user) return setup.mode === 'unset' && !setup.demo ? <FirstRunScreen /> : <LoginScreen />;

  const current = screen.name === 'supplier' ? 'suppliers' : screen.name;
  return (
    <div className={`app${setup.demo ? ' app--demo' : ''}`}>
      {setup.demo ? (
        <div className="demo-banner" role="status" data-testid="demo-banner">
          DEMO — sample data; nothing here is real or sent anywhere.
          <LeaveDemoButton
            left={async () => {
              setScreen({ name: 'dashboard' });
              await refresh();
            }}
          />
        </div>
      ) : null}
      <nav className="sidebar" aria-label="Main">
        <div className="brand">CollectPay</div>
        {nav.map((item) => (
          <button
            key={item.screen}
            type="button"
            className={current === item.screen ? 'active' : ''}
            aria-current={current === item.screen ? 'page' : undefined}
            onClick={() => setScreen({ name: item.screen } as Screen)}
            title={`Ctrl+${item.key}`}
          >
            {item.label}
          </button>
        ))}
        <div className="sidebar__user">
          <div>{session.user.name}</div>
          <div className="muted small">
            {session.user.role}
            {session.user.offline ? ' · offline' : ''}
          </div>
          <SignOutButton
            signedOut={async (info) => {
              setSession(info);
              await refresh();
            }}
          />
        </div>
      </nav>
      <main className="content">
        {screen.name === 'dashboard' ? <Dashboard go={setScreen} /> : null}
        {screen.name === 'collections' ? <CollectionEntry /> : null}
        {screen.name === 'suppliers' ? <SuppliersScreen go={setScreen} /> : null}
        {screen.name === 'supplier' ? <SupplierDetail uuid={screen.uuid} go={setScreen} /> : null}
        {screen.name === 'payments' ? <PaymentsScreen supplierUuid={screen.supplier} go={setScreen} /> : null}
        {screen.name === 'products' ? <ProductsScreen /> : null}
        {screen.name === 'reports' ? (
          <ReportsScreen
            key={JSON.stringify(screen.preset ?? {})}
            preset={screen.preset}
            openSettings={() => setScreen({ name: 'settings' })}
          />
        ) : null}
        {screen.name === 'sync' ? <SyncScreen /> : null}
        {screen.name === 'conflicts' && supervisor ? <ConflictsScreen /> : null}
        {screen.name === 'settings' ? <SettingsScreen /> : null}
        {screen.name === 'settlements' ? <SettlementsScreen /> : null}
      </main>
      {toast ? (
        <div className="toast" role="alert">
          {toast}{' '}
          {supervisor ? (
            <button type="button" className="link" onClick={() => setScreen({ name: 'conflicts' })}>
              Open conflicts
            </button>
          ) : null}
        </div>
      ) : null}
      <StatusBar onOpenSync={() => setScreen({ name: 'sync' })} />
    </div>
  );
}
