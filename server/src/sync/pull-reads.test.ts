import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { op, pull, push, startHarness, type Harness } from '../../test/harness';

/** Counts the whole entity rows (those with a uuid) MySQL returns to the server. */
function entityRowReads(): KyselyPlugin & { rows: number } {
  const counter = {
    rows: 0,
    transformQuery: (args: Parameters<KyselyPlugin['transformQuery']>[0]) => args.node,
    async transformResult(args: Parameters<KyselyPlugin['transformResult']>[0]) {
      counter.rows += args.result.rows.filter((r) => 'uuid' in r).length;
      return args.result;
    },
  };
  return counter;
}

describe('rows a pull page reads', () => {
  const reads = entityRowReads();
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { dbPlugin: reads });
    const boss = await h.desk('supervisor');
    // Two tables with more rows than a page each: a page must not read a page's worth from every table.
    for (const [type, extra] of [
      ['suppliers', {}],
      ['products', { unit: 'kg' }],
    ] as const) {
      for (let b = 0; b < 2; b++) {
        const batch = Array.from({ length: 100 }, (_, i) =>
          op(type, 'create', { uuid: newId(), code: `PR-${newId().slice(-10)}`, name: `Reads ${b}-${i}`, ...extra }),
        );
        const res = await push(h, boss, batch);
        expect(res.body.results.success).toHaveLength(100);
      }
    }
  });
  afterAll(async () => h?.close());

  it('reads only the rows the page sends, whatever the other tables hold', async () => {
    const desk = await h.desk('clerk');
    let cursor: string | undefined;
    const pages: { sent: number; read: number }[] = [];
    for (;;) {
      const before = reads.rows;
      const res = await pull(h, desk, { limit: 150, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      const sent = Object.values(res.body.changes as Record<string, unknown[]>).reduce((n, rows) => n + rows.length, 0);
      pages.push({ sent, read: reads.rows - before });
      cursor = res.body.cursor;
      if (!res.body.has_more) break;
    }
    // 400 rows in pages of 150 (suppliers, both tables, products). Reading up to 151 rows of every table and
    // keeping 150 read 302, 201, 100.
    expect(pages.map((p) => p.sent)).toEqual([150, 150, 100]);
    expect(pages.map((p) => p.read)).toEqual([150, 150, 100]);
  });
});
