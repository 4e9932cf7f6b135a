import { AppError } from '../../../../shared';
import type { Handlers } from '../../../../shared/ipc/contract';
import { recentSyncLog, syncMetrics } from '../sync/metrics';
import type { HandlerEnv } from './handler-env';

/** The Sync screen: run now, what waits, what needs attention and its fixes, the log; the network coming back. */
export function syncHandlers(env: HandlerEnv) {
  const { core } = env;
  return {
    async 'sync.now'() {
      if (!core.auth.current) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      if (!core.serverUrl())
        throw new AppError('VALIDATION_FAILED', 'No server is configured; this desk works on its own');
      await core.engine.sync('manual');
      return core.engine.refreshCounts();
    },
    'sync.status': () => core.engine.refreshCounts(),
    async 'sync.pending'() {
      return (await core.outbox.pending()).map((op) => ({
        op_id: op.op_id,
        entity_type: op.entity_type,
        entity_uuid: op.entity_uuid,
        operation: op.operation,
        payload: op.payload,
        created_at: op.created_at,
        attempts: op.attempts,
      }));
    },
    'sync.attention': () => core.outbox.needsAttention(),
    async 'sync.resend'({ op_id, fix }) {
      await core.outbox.resend(op_id, fix ?? {});
      core.engine.trigger('manual');
      return core.engine.refreshCounts();
    },
    async 'sync.discard'(input) {
      await core.outbox.discard(input);
      return core.engine.refreshCounts();
    },
    'sync.log': () => recentSyncLog(core.db),
    'sync.metrics': () => syncMetrics(core.db),
    async 'app.network'({ online }) {
      if (online && core.auth.current) core.engine.trigger('online');
      return core.engine.refreshCounts();
    },
  } satisfies Pick<
    Handlers,
    | 'sync.now'
    | 'sync.status'
    | 'sync.pending'
    | 'sync.attention'
    | 'sync.resend'
    | 'sync.discard'
    | 'sync.log'
    | 'sync.metrics'
    | 'app.network'
  >;
}

/** The conflict screen. */
export function conflictHandlers(env: HandlerEnv) {
  const { core } = env;
  return {
    'conflicts.list': ({ status }) => core.conflicts.list(status),
    'conflicts.openEntities': () => core.conflicts.openEntityUuids(),
    async 'conflicts.resolve'(input) {
      const entity = await core.conflicts.resolve(input);
      core.engine.trigger('manual');
      return entity;
    },
    async 'conflicts.reopen'({ conflict_id }) {
      await core.conflicts.reopen(conflict_id);
      return core.conflicts.list('all');
    },
  } satisfies Pick<Handlers, 'conflicts.list' | 'conflicts.openEntities' | 'conflicts.resolve' | 'conflicts.reopen'>;
}
