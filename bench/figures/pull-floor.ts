import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createConnection } from 'mysql2/promise';
import { ENTITY_TYPES, entityTypeOf, shapeOfEntity } from '../../shared';
import { openLocalDb } from '../../app/main/core/db/connection';
import type { BenchEnv } from '../env';
import { now } from '../lib';

/**
 * The floor of any JSON-over-HTTP pull (figure 2c): every table's wire columns SELECTed, JSON-encoded, gzipped
 * (level 1, as the server sends), gunzipped, JSON-decoded, and inserted with one prepared INSERT per table into a
 * fresh desk's real tables (its indexes, WAL, synchronous=FULL), one transaction per table. No HTTP, no paging,
 * no validation, no cursor: what is left is what the rows themselves cost. Returns rows and seconds.
 */
export async function pullFloor(env: BenchEnv): Promise<{ rows: number; seconds: number }> {
  const conn = await createConnection({ uri: env.db.url, dateStrings: true });
  const local = await openLocalDb(join(env.dir, 'floor-pull.sqlite'));
  const start = now();
  let rows = 0;
  for (const type of ENTITY_TYPES) {
    const { columns, booleans } = shapeOfEntity(type);
    const flags = columns.map((c) => booleans.includes(c));
    const table = entityTypeOf(type);
    const [data] = (await conn.query(
      `select ${columns.map((c) => `\`${c}\``).join(', ')} from \`${table}\` order by seq`,
    )) as unknown as [Record<string, unknown>[]];
    if (data.length === 0) continue;
    const received = JSON.parse(gunzipSync(gzipSync(JSON.stringify(data), { level: 1 })).toString()) as Record<
      string,
      unknown
    >[];
    const names = [...columns, 'sync_status'].map((c) => `"${c}"`).join(', ');
    const insert = local.sqlite.prepare(
      `insert into "${table}" (${names}) values (${[...columns, 'sync_status'].map(() => '?').join(', ')})`,
    );
    local.sqlite.transaction(() => {
      for (const row of received) {
        insert.run([...columns.map((c, i) => (flags[i] ? (row[c] ? 1 : 0) : (row[c] ?? null))), 'synced']);
      }
    })();
    rows += data.length;
  }
  const seconds = (now() - start) / 1000;
  await conn.end();
  await local.close();
  return { rows, seconds };
}
