import {
  TableNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushPending } from '../../app/main/core/sync/push';
import type { SyncDeps } from '../../app/main/core/sync/deps';
import { startOffice } from './desks';

/** Counts the rows every SELECT on the outbox returns, whichever code runs it. */
class OutboxReads implements KyselyPlugin {
  rows = 0;
  private readonly outboxQueries = new WeakSet<object>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'SelectQueryNode') {
      const tables = node.from?.froms ?? [];
      if (tables.some((t) => TableNode.is(t) && t.table.identifier.name === 'outbox'))
        this.outboxQueries.add(args.queryId);
    }
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.outboxQueries.has(args.queryId)) this.rows += args.result.rows.length;
    return args.result;
  }
}

/** The same count for statements prepared on the connection itself (a push answer's reads). */
function countingOutboxReads(sqlite: Database.Database, counter: OutboxReads): Database.Database {
  return new Proxy(sqlite, {
    get(target, key) {
      if (key !== 'prepare') {
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (text: string) => {
        const statement = target.prepare(text);
        if (!/\bfrom outbox\b/i.test(text) || !statement.reader) return statement;
        const all = statement.all.bind(statement);
        const get = statement.get.bind(statement);
        return Object.assign(statement, {
          all: (...args: unknown[]) => {
            const rows = all(...args);
            counter.rows += rows.length;
            return rows;
          },
          get: (...args: unknown[]) => {
            const row = get(...args);
            if (row !== undefined) counter.rows += 1;
            return row;
          },
        });
      };
    },
  });
}

describe('a desk pushing its queue', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  beforeAll(async () => {
    office = await startOffice();
  });
  afterAll(async () => office?.close());

  /** Outbox rows read to push `n` supplier changes made offline. */
  async function readsToPush(n: number): Promise<number> {
    const desk = await office.desk('clerk');
    desk.network.online = false;
    for (let i = 0; i < n; i++) await desk.suppliers.create({ code: `R${n}-${i}`, name: `Reads ${i}` });
    desk.network.online = true;
    const counter = new OutboxReads();
    const deps: SyncDeps = {
      db: desk.db.withPlugin(counter),
      rows: desk.ctx.rows,
      sqlite: countingOutboxReads(desk.sqlite, counter),
      transact: desk.transact,
      transactReplayable: desk.transactReplayable,
      http: desk.httpClient()!,
      auth: desk.auth,
      deviceId: desk.deviceId,
      events: desk.events,
      now: desk.ctx.now,
      canSync: async () => true,
    };
    const tally = await pushPending(deps);
    expect(tally.pushed).toBe(n);
    return counter.rows;
  }

  it('reads the outbox in proportion to the changes it pushes, not once per batch', async () => {
    const small = await readsToPush(150);
    const large = await readsToPush(600);
    // Four times the work may read at most a little over four times the rows (reading every pending row per
    // batch of 100 would read ~10 times as many).
    expect(small).toBeGreaterThanOrEqual(150);
    expect(large / small).toBeLessThanOrEqual(4.5);
    expect(large).toBeLessThanOrEqual(2 * 600);
  });

  it('does not download again the rows its own push just stored, while another desk gets them', async () => {
    const a = await office.desk('clerk');
    const b = await office.desk('clerk');
    await a.engine.sync('manual');
    await b.engine.sync('manual');
    a.network.online = false;
    for (let i = 0; i < 250; i++) await a.suppliers.create({ code: `OWN-${i}`, name: `Own ${i}` });
    a.network.online = true;
    // Another desk's change lands between: it must still reach A.
    await b.suppliers.create({ code: 'FROM-B', name: 'From B' });
    await b.engine.sync('manual');

    const pushed = await a.engine.sync('manual');
    expect(pushed).toMatchObject({ outcome: 'success', pushed: 250, pulled: 1 });
    const fromB = await a.db.selectFrom('suppliers').select('name').where('code', '=', 'FROM-B').executeTakeFirst();
    expect(fromB?.name).toBe('From B');
    const synced = await a.db
      .selectFrom('suppliers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sync_status', '=', 'synced')
      .where('code', 'like', 'OWN-%')
      .executeTakeFirstOrThrow();
    expect(Number(synced.n)).toBe(250);
    expect((await a.engine.sync('manual')).pulled).toBe(0);

    const got = await b.engine.sync('manual');
    expect(got.pulled).toBe(250);
  });
});
