import { EventEmitter } from 'node:events';
import type { EntityType } from '../../../shared';
import type { SyncStatus } from './sync/status';

export interface ConflictNotice {
  conflict_id: string;
  entity_type: string;
  entity_uuid: string;
  type: string;
  resolution: string;
  status: string;
}

/** What the core announces; the shell forwards these to the renderer, the CLI prints some. */
export interface CoreEventMap {
  'data-changed': { source: 'local' | 'sync'; entity_types: EntityType[] };
  'sync-status': SyncStatus;
  conflict: ConflictNotice;
  'local-write': void;
}

export class CoreEvents {
  private emitter = new EventEmitter();

  on<K extends keyof CoreEventMap>(event: K, listener: (payload: CoreEventMap[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  emit<K extends keyof CoreEventMap>(event: K, payload: CoreEventMap[K]): void {
    this.emitter.emit(event, payload);
  }
}
