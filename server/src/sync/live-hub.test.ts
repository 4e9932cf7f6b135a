import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ServerDatabase } from '../db/schema';
import type { LiveMessage } from '../../../shared';
import { LiveHub, type BusNotice, type LiveBus } from './live-hub';

/** An in-memory bus shared by several hubs, as Redis pub/sub is shared by several instances. */
function memoryBus() {
  const listeners: ((notice: BusNotice) => void)[] = [];
  const published: BusNotice[] = [];
  const bus = (): LiveBus => ({
    publish(notice) {
      published.push(notice);
      for (const listener of listeners) listener(notice);
    },
    listen(onNotice) {
      listeners.push(onNotice);
    },
  });
  return { bus, published };
}

/** The cursors of "changes" messages, as a desk reads them. */
const cursors = (into: string[]) => (message: LiveMessage) => {
  if (message.type === 'changes') into.push(message.cursor);
};

// The poll never fires within a test: these hubs hear only local commits and the bus.
const noDb = {} as Kysely<ServerDatabase>;
const quiet = { pollMs: 3_600_000 };

describe('live hub', () => {
  it('announces a local commit to its subscribers and publishes it for the other instances', () => {
    const { bus, published } = memoryBus();
    const a = new LiveHub(noDb, { ...quiet, bus: bus() });
    const b = new LiveHub(noDb, { ...quiet, bus: bus() });
    const heardOnA: string[] = [];
    const heardOnB: string[] = [];
    const stopA = a.subscribe(cursors(heardOnA));
    const stopB = b.subscribe(cursors(heardOnB));
    a.committed(7);
    expect(published).toEqual([{ seq: 7 }]);
    expect(heardOnA).toEqual(['7']);
    expect(heardOnB).toEqual(['7']);
    stopA();
    stopB();
  });

  it('ignores a notice that says nothing new (late, repeated or smaller)', () => {
    const { bus } = memoryBus();
    const hub = new LiveHub(noDb, { ...quiet, bus: bus() });
    const heard: string[] = [];
    const stop = hub.subscribe(cursors(heard));
    hub.committed(10);
    hub.committed(9);
    hub.committed(10);
    hub.committed(12);
    expect(heard).toEqual(['10', '12']);
    stop();
  });

  it('without a bus stays in-process, as a single instance always was', () => {
    const hub = new LiveHub(noDb, quiet);
    const heard: string[] = [];
    const stop = hub.subscribe(cursors(heard));
    hub.committed(3);
    expect(heard).toEqual(['3']);
    expect(hub.subscriberCount).toBe(1);
    stop();
    expect(hub.subscriberCount).toBe(0);
  });

  it('announces a new conflict to every instance once, even when its own notice comes back over the bus', () => {
    const { bus, published } = memoryBus();
    const a = new LiveHub(noDb, { ...quiet, bus: bus() });
    const b = new LiveHub(noDb, { ...quiet, bus: bus() });
    const heardOnA: LiveMessage[] = [];
    const heardOnB: LiveMessage[] = [];
    const stopA = a.subscribe((m) => heardOnA.push(m));
    const stopB = b.subscribe((m) => heardOnB.push(m));
    const id = '0190e0b4-0000-7000-8000-000000000001';
    a.conflict(id);
    expect(published).toEqual([{ conflict: id }]);
    expect(heardOnA).toEqual([{ type: 'conflict', conflict_id: id }]);
    expect(heardOnB).toEqual([{ type: 'conflict', conflict_id: id }]);
    // Settled later (on B): told again everywhere, once.
    b.conflict(id);
    expect(heardOnA).toHaveLength(2);
    expect(heardOnB).toHaveLength(2);
    stopA();
    stopB();
  });
});
