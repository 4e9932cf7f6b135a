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

/**
 * Wires event sources to the engine. Local writes are debounced (~1 s) so a burst of entry syncs once, but
 * never postponed past `maxWaitMs` from the first unsent write: writes that never pause still go out.
 */
export function attachTriggers(
  engine: SyncEngine,
  sources: TriggerSources,
  debounceMs = 1000,
  maxWaitMs = 5000,
): () => void {
  const unsubscribers: (() => void)[] = [];
  const direct = (source: TriggerSource | undefined, trigger: SyncTrigger) => {
    if (source) unsubscribers.push(source(() => engine.trigger(trigger)));
  };
  direct(sources.online, 'online');
  direct(sources.focus, 'focus');
  direct(sources.resume, 'resume');
  direct(sources.live, 'live');
  let quiet: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const cancel = () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
  };
  const fire = () => {
    cancel();
    engine.trigger('local-write');
  };
  if (sources.localWrite) {
    unsubscribers.push(
      sources.localWrite(() => {
        clearTimeout(quiet);
        quiet = setTimeout(fire, debounceMs);
        quiet.unref?.();
        if (!deadline) {
          deadline = setTimeout(fire, maxWaitMs);
          deadline.unref?.();
        }
      }),
    );
  }
  return () => {
    cancel();
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
