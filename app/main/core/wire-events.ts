import { EVENTS, type EventMap, type EventName } from '../../../shared/ipc/channels';
import type { Core } from './create-core';

/** Forwards every contract event of the core to one renderer, unchanged; returns the unsubscribe. */
export function wireEvents(
  core: Core,
  send: <E extends EventName>(event: E, payload: EventMap[E]) => void,
): () => void {
  const forward = <E extends EventName>(event: E) => core.events.on(event, (payload) => send(event, payload));
  const offs = EVENTS.map(forward);
  return () => offs.forEach((off) => off());
}
