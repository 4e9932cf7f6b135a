export type SyncState = 'idle' | 'syncing' | 'success' | 'error' | 'conflict' | 'offline' | 'auth_required';

export interface SyncProgress {
  pushed: number;
  toPush: number;
  pulled: number;
}

/** What the status bar shows at all times (DESIGN §5.3). */
export interface SyncStatus {
  state: SyncState;
  pending: number;
  needsAttention: number;
  openConflicts: number;
  progress: SyncProgress;
  lastSuccessAt: string | null;
  lastError: string | null;
  nextRetryAt: string | null;
}

export const INITIAL_STATUS: SyncStatus = {
  state: 'idle',
  pending: 0,
  needsAttention: 0,
  openConflicts: 0,
  progress: { pushed: 0, toPush: 0, pulled: 0 },
  lastSuccessAt: null,
  lastError: null,
  nextRetryAt: null,
};
