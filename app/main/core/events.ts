import { EventEmitter } from 'node:events';
import type { EventMap } from '../../../shared/ipc/channels';

export type { ConflictNotice } from '../../../shared/ipc/types';

/**
 * What the core announces: the renderer's events under the same names and payloads (the shell forwards them as they
 * are; the CLI prints some), plus `local-write`, which stays inside the process (it nudges the sync engine).
 */
export type CoreEventMap = EventMap & { 'local-write': void };

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
