import type { EventMap, EventName } from '../../../shared/ipc/contract';
import type { Core } from './create-core';

/** Forwards core events to one renderer as contract events; returns the unsubscribe. */
export function wireEvents(
  core: Core,
  send: <E extends EventName>(event: E, payload: EventMap[E]) => void,
): () => void {
  const offs = [
    core.events.on('sync-status', (status) => send('sync.status', status)),
    core.events.on('data-changed', (change) => send('data.changed', change)),
    core.events.on('conflict', (c) =>
      send('conflicts.new', {
        conflict_id: c.conflict_id,
        entity_type: c.entity_type,
        entity_uuid: c.entity_uuid,
        type: c.type,
        status: c.status,
      }),
    ),
  ];
  return () => offs.forEach((off) => off());
}
