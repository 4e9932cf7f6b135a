import type { SyncStatus } from '../../../../shared/ipc/types';

export type { SyncStatus } from '../../../../shared/ipc/types';

export const INITIAL_STATUS: SyncStatus = {
  state: 'idle',
  pending: 0,
  needsAttention: 0,
  waitingForSupervisor: 0,
  openConflicts: 0,
  progress: { pushed: 0, toPush: 0, pulled: 0 },
  lastSuccessAt: null,
  lastError: null,
  nextRetryAt: null,
};
