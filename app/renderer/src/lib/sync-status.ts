import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../../shared/ipc/types';
import { call, onEvent } from './api';

/** How each sync state reads, wherever it is shown. */
export const SYNC_STATE_LABELS: Record<SyncStatus['state'], string> = {
  idle: 'Idle',
  syncing: 'Syncing…',
  success: 'Synced',
  error: 'Sync error',
  conflict: 'Synced with conflicts',
  offline: 'Offline',
  auth_required: 'Sign in to sync',
};

/** The engine's status, kept current: pushed on every change of state, re-read when data changes. */
export function useSyncStatus(): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    const load = () => call('sync.status', {}).then(setStatus, () => undefined);
    load();
    const offStatus = onEvent('sync.status', setStatus);
    const offData = onEvent('data.changed', load);
    return () => {
      offStatus();
      offData();
    };
  }, []);
  return status;
}
