import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ServerDatabase } from '../db/schema';
import { LiveHub, type LiveBus } from './live-hub';

/** An in-memory bus shared by several hubs, as Redis pub/sub is shared by several instances. */
function memoryBus() {
  const listeners: ((seq: number) => void)[] = [];
  const published: number[] = [];
  const bus = (): LiveBus => ({
    publish(seq) {
      published.push(seq);
      for (const listener of listeners) listener(seq);
    },
    listen(onSeq) {
      listeners.push(onSeq);
    },
  });
  return { bus, published };
}

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
    const stopA = a.subscribe((cursor) => heardOnA.push(cursor));
    const stopB = b.subscribe((cursor) => heardOnB.push(cursor));
    a.committed(7);
    expect(published).toEqual([7]);
    expect(heardOnA).toEqual(['7']);
    expect(heardOnB).toEqual(['7']);
    stopA();
    stopB();
  });

  it('ignores a notice that says nothing new (late, repeated or smaller)', () => {
    const { bus } = memoryBus();
    const hub = new LiveHub(noDb, { ...quiet, bus: bus() });
    const heard: string[] = [];
    const stop = hub.subscribe((cursor) => heard.push(cursor));
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
    const stop = hub.subscribe((cursor) => heard.push(cursor));
    hub.committed(3);
    expect(heard).toEqual(['3']);
    expect(hub.subscriberCount).toBe(1);
    stop();
    expect(hub.subscriberCount).toBe(0);
  });
});
