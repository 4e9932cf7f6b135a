import { isErrorCode, ROUTES } from '../../../../shared';
import type { SyncDeps } from './deps';
import { SyncHttpError } from './http-client';
import { setOpStatus, type OutboxRow } from './outbox';
import { outboxNote } from './outbox-note';

/** What to do about a push that failed. */
export type StuckVerdict = 'retry-later' | 'halve' | 'isolate';

/**
 * A desk must never be stuck behind one op. A server error (5xx) is normally the server's trouble, retried
 * later with backoff; but when the batch at the head of the queue fails `threshold` times in a row while the
 * server's health check answers "ok", something in that batch is what fails. Then the batch is halved, and
 * halved again, until the failing op stands alone: it moves to "needs attention" and the rest syncs.
 */
export class StuckBatchWatch {
  private head = '';
  private strikes = 0;
  private bisecting = false;

  constructor(readonly threshold = 3) {}

  async judge(batch: readonly OutboxRow[], error: unknown, healthy: () => Promise<boolean>): Promise<StuckVerdict> {
    if (!(error instanceof SyncHttpError) || error.kind !== 'server' || error.status < 500) return 'retry-later';
    if (!(await healthy())) return 'retry-later';
    if (!this.bisecting) {
      const head = batch[0]?.op_id ?? '';
      this.strikes = head === this.head ? this.strikes + 1 : 1;
      this.head = head;
      if (this.strikes < this.threshold) return 'retry-later';
      this.bisecting = true;
    }
    return batch.length === 1 ? 'isolate' : 'halve';
  }

  /** The queue moved (or the failing op was set aside): count afresh. */
  reset(): void {
    this.head = '';
    this.strikes = 0;
    this.bisecting = false;
  }

  get isBisecting(): boolean {
    return this.bisecting;
  }
}

/** Whether the server says it can serve (its database answers). */
export async function serverHealthy(deps: SyncDeps): Promise<boolean> {
  try {
    const health = await deps.http.call(ROUTES.health, {});
    return health?.status === 'ok';
  } catch {
    return false;
  }
}

/** Sets the op that alone makes the server fail aside in "needs attention", with the server's own words. */
export async function setAside(deps: SyncDeps, op: OutboxRow, error: SyncHttpError): Promise<void> {
  const detail = outboxNote(
    isErrorCode(error.code) ? error.code : 'INTERNAL',
    `The server failed on this change every time it was sent (${error.message}); the changes after it went ahead`,
    { status: error.status },
  );
  await deps.db.transaction().execute((trx) => setOpStatus(trx, op.op_id, 'error', detail, deps.now()));
}
