import type { SyncEngine, SyncTrigger } from './sync-engine';

/** An event source the shell (or a test) provides: online, focus, resume… Returns an unsubscribe. */
type TriggerSource = (fire: () => void) => () => void;

export interface TriggerSources {
  online?: TriggerSource;
  focus?: TriggerSource;
  resume?: TriggerSource;
  localWrite?: TriggerSource;
  live?: TriggerSource;
}

/** Wires event sources to the engine; local writes are debounced (~1 s) so a burst of entry syncs once. */
export function attachTriggers(engine: SyncEngine, sources: TriggerSources, debounceMs = 1000): () => void {
  const unsubscribers: (() => void)[] = [];
  const direct = (source: TriggerSource | undefined, trigger: SyncTrigger) => {
    if (source) unsubscribers.push(source(() => engine.trigger(trigger)));
  };
  direct(sources.online, 'online');
  direct(sources.focus, 'focus');
  direct(sources.resume, 'resume');
  direct(sources.live, 'live');
  let timer: NodeJS.Timeout | undefined;
  if (sources.localWrite) {
    unsubscribers.push(
      sources.localWrite(() => {
        clearTimeout(timer);
        timer = setTimeout(() => engine.trigger('local-write'), debounceMs);
        timer.unref?.();
      }),
    );
  }
  return () => {
    clearTimeout(timer);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
