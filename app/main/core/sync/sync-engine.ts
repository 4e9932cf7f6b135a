import { AuthRequiredError } from '../auth/auth-service';
import { backoffDelay } from './backoff';
import type { SyncDeps } from './deps';
import { SyncHttpError } from './http-client';
import { syncConflicts } from './conflicts-sync';
import { countWaiting } from './held-ops';
import { countByStatus } from './outbox';
import { pullAll } from './pull';
import { pushPending } from './push';
import { StuckBatchWatch } from './stuck-batch';
import { INITIAL_STATUS, type SyncStatus } from './status';
import { readState, SYNC_KEYS, writeState } from './sync-state';

export type SyncTrigger =
  'manual' | 'login' | 'online' | 'focus' | 'resume' | 'local-write' | 'live' | 'retry' | 'start';

export interface SyncRunResult {
  outcome: 'success' | 'conflict' | 'error' | 'auth_required' | 'skipped';
  pushed: number;
  pulled: number;
  conflicts: number;
  errors: number;
  durationMs: number;
  message: string | null;
}

export interface EngineOptions {
  random?: () => number;
  /** Injectable timers so tests control retries. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * One sync at a time, at most one more queued (docs/architecture.md "The desk's sync engine"). A run pushes, then pulls; network and server
 * failures retry with backoff; a refused refresh stops in `auth_required` with the queue kept.
 */
export class SyncEngine {
  private running: Promise<SyncRunResult> | null = null;
  private queued: Promise<SyncRunResult> | null = null;
  private failures = 0;
  private retryHandle: unknown = null;
  private statusValue: SyncStatus = { ...INITIAL_STATUS };
  private stopped = false;
  /** Counts, across runs, how often the batch at the head of the queue failed on a healthy server. */
  private readonly stuck = new StuckBatchWatch();

  constructor(
    private readonly deps: SyncDeps,
    private readonly options: EngineOptions = {},
  ) {}

  get status(): SyncStatus {
    return this.statusValue;
  }

  /** Runs a sync now, or joins the one queued behind the current run. */
  sync(trigger: SyncTrigger = 'manual'): Promise<SyncRunResult> {
    if (!this.running) {
      this.running = this.runOnce(trigger).finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.sync(trigger);
      });
    return this.queued;
  }

  /** Fire-and-forget form for event sources. */
  trigger(trigger: SyncTrigger): void {
    if (this.stopped) return;
    void this.sync(trigger).catch(() => undefined);
  }

  stop(): void {
    this.stopped = true;
    this.cancelRetry();
  }

  /** The health probe found the server gone: say so now, not at the next sync (a running sync reports itself). */
  noteUnreachable(message: string): void {
    if (this.stopped || this.running) return;
    this.update({ state: 'offline', lastError: message });
  }

  async refreshCounts(): Promise<SyncStatus> {
    const counts = await countByStatus(this.deps.db);
    const open = await this.deps.db
      .selectFrom('conflicts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const lastSuccess = (await readState(this.deps.db, SYNC_KEYS.lastSuccess)) ?? null;
    this.update({
      pending: counts.pending,
      needsAttention: counts.error,
      waitingForSupervisor: await countWaiting(this.deps.db, this.deps.auth.current?.role),
      openConflicts: Number(open.n),
      lastSuccessAt: lastSuccess,
    });
    return this.statusValue;
  }

  private update(patch: Partial<SyncStatus>): void {
    this.statusValue = { ...this.statusValue, ...patch };
    this.deps.events.emit('sync.status', this.statusValue);
  }

  private async runOnce(trigger: SyncTrigger): Promise<SyncRunResult> {
    this.cancelRetry();
    if (!(await this.deps.canSync())) {
      await this.refreshCounts();
      return {
        outcome: 'skipped',
        pushed: 0,
        pulled: 0,
        conflicts: 0,
        errors: 0,
        durationMs: 0,
        message: 'This desk is not connected to a server',
      };
    }
    const started = Date.now();
    const startedAt = this.deps.now();
    const counts = await countByStatus(this.deps.db);
    // Ops held for a higher role (held-ops.ts) will not go out in this run.
    const toPush = counts.pending - (await countWaiting(this.deps.db, this.deps.auth.current?.role));
    this.update({ state: 'syncing', progress: { pushed: 0, toPush, pulled: 0 }, nextRetryAt: null });
    const transferBefore = { ...this.deps.http.transfer };
    const result: SyncRunResult = {
      outcome: 'success',
      pushed: 0,
      pulled: 0,
      conflicts: 0,
      errors: 0,
      durationMs: 0,
      message: null,
    };
    try {
      const push = await pushPending(
        this.deps,
        (pushed) => this.update({ progress: { ...this.statusValue.progress, pushed } }),
        this.stuck,
      );
      Object.assign(result, { pushed: push.pushed, conflicts: push.conflicts, errors: push.errors });
      result.pulled = await pullAll(
        this.deps,
        (pulled) => this.update({ progress: { ...this.statusValue.progress, pulled } }),
        push.written,
      );
      await syncConflicts(this.deps);
      result.outcome = push.conflicts > 0 ? 'conflict' : 'success';
      this.failures = 0;
      await writeState(this.deps.db, SYNC_KEYS.lastSuccess, this.deps.now());
      this.update({ state: result.outcome, lastError: null });
    } catch (error) {
      result.message = error instanceof Error ? error.message : String(error);
      if (error instanceof AuthRequiredError) {
        result.outcome = 'auth_required';
        this.update({ state: 'auth_required', lastError: result.message });
      } else {
        result.outcome = 'error';
        const retryable = !(error instanceof SyncHttpError) || error.retryable;
        this.update({
          state: error instanceof SyncHttpError && error.kind === 'network' ? 'offline' : 'error',
          lastError: result.message,
        });
        if (retryable) this.scheduleRetry();
      }
    }
    result.durationMs = Date.now() - started;
    await this.log(trigger, startedAt, result, transferBefore);
    await this.refreshCounts();
    return result;
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.failures += 1;
    const delay = backoffDelay(this.failures, this.options.random);
    const set = this.options.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref());
    this.retryHandle = set(() => this.trigger('retry'), delay);
    this.update({ nextRetryAt: new Date(Date.now() + delay).toISOString() });
  }

  private cancelRetry(): void {
    if (this.retryHandle === null) return;
    (this.options.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout)))(this.retryHandle);
    this.retryHandle = null;
  }

  private async log(
    trigger: SyncTrigger,
    startedAt: string,
    result: SyncRunResult,
    before: { sent: number; received: number },
  ) {
    await this.deps.db
      .insertInto('sync_log')
      .values({
        started_at: startedAt,
        finished_at: this.deps.now(),
        duration_ms: result.durationMs,
        trigger,
        outcome: result.outcome,
        pushed: result.pushed,
        pulled: result.pulled,
        conflicts: result.conflicts,
        errors: result.errors,
        bytes_sent: this.deps.http.transfer.sent - before.sent,
        bytes_received: this.deps.http.transfer.received - before.received,
        message: result.message,
      })
      .execute();
  }
}
