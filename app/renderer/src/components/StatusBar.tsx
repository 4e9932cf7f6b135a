import { useApp } from '../lib/settings';
import { SYNC_STATE_LABELS, useSyncStatus } from '../lib/sync-status';

/** Always visible: sync state, what waits, what needs attention, the last good sync. */
export function StatusBar({ onOpenSync }: { onOpenSync(): void }) {
  const { deskWhen, setup } = useApp();
  const status = useSyncStatus();
  if (!status) return <footer className="status-bar" />;
  const progress =
    status.state === 'syncing' && (status.progress.toPush > 0 || status.progress.pulled > 0)
      ? ` (sent ${status.progress.pushed}/${status.progress.toPush}, received ${status.progress.pulled})`
      : '';
  return (
    <footer className={`status-bar status-bar--${status.state}`} aria-live="polite">
      <button type="button" className="link" onClick={onOpenSync} data-testid="sync-state">
        {SYNC_STATE_LABELS[status.state]}
        {progress}
      </button>
      {setup?.demo ? (
        // The demo's records never leave this computer: a pending count would wait for nothing.
        <span data-testid="pending-count">Demo: nothing is sent</span>
      ) : (
        <span data-testid="pending-count">{status.pending} pending</span>
      )}
      {status.needsAttention > 0 ? <span className="warn">{status.needsAttention} need attention</span> : null}
      {status.openConflicts > 0 ? (
        <span className="warn">
          {status.openConflicts} conflict{status.openConflicts === 1 ? '' : 's'}
        </span>
      ) : null}
      <span>Last sync: {deskWhen(status.lastSuccessAt)}</span>
      {status.lastError && status.state !== 'success' ? (
        <span className="muted" title={status.lastError}>
          {status.lastError}
        </span>
      ) : null}
    </footer>
  );
}
