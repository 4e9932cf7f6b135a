import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createConnection } from 'mysql2/promise';
import type { PullResponse } from '../../shared';
import { openSqlite } from '../../app/main/core/db/connection';
import { desk, login, ms, seedServer, type BenchEnv, type BenchState } from '../env';
import type { BenchFigure } from '../figure';
import { runDeskProcess } from '../desk-process';
import { now, type Figure } from '../lib';
import { pullFloor } from './pull-floor';

/**
 * Figure 2 (+ 6a): an empty desk pulling everything, vs SELECT + one prepared INSERT in one transaction; 2c: the
 * same pull vs the floor of any JSON-over-HTTP pull into the desk's real tables (pull-floor.ts).
 */
async function initialPull(env: BenchEnv, state: BenchState): Promise<Figure[]> {
  const counts = env.quick
    ? { suppliers: 500, collections: 10_000, payments: 2_000 }
    : { suppliers: 5_000, collections: 100_000, payments: 20_000 };
  await seedServer(env, counts);
  // Bytes on the wire, with and without gzip, for the same pages (node:http sees the compressed bytes). Measured
  // first, so the pull below meets a warm server (code and row parsers compiled, pages cached) as the baselines do.
  const who = await login(env);
  const gzipBytes = await wireBytes(env, who, 'gzip');
  const plainBytes = await wireBytes(env, who, 'identity');

  const core = await desk(env, 'pull');
  let start = now();
  const result = await core.engine.sync('manual');
  const pullMs = now() - start;
  const rows = result.pulled;
  await core.close();
  // 6a: the same pull by a desk in a process of its own, for its memory (untimed).
  const memory = await runDeskProcess<{ opened: number; after: number; rows: number }>('bench/desk-pull.ts', [
    env.dir,
    env.serverUrl,
  ]);
  if (memory.rows !== rows) throw new Error(`the memory desk pulled ${memory.rows} rows, not ${rows}`);
  state.rss.afterPull = { opened: memory.opened, rss: memory.after };

  // Raw: the same rows straight from MySQL into SQLite.
  const conn = await createConnection({ uri: env.db.url, dateStrings: true });
  const sqlite = openSqlite(join(env.dir, 'raw-pull.sqlite'));
  sqlite.exec('create table rows (uuid text primary key, type text, body text)');
  start = now();
  const insert = sqlite.prepare('insert into rows (uuid, type, body) values (?, ?, ?)');
  let rawRows = 0;
  for (const table of ['suppliers', 'products', 'product_rates', 'collections', 'payments']) {
    const [data] = (await conn.query(`select * from ${table}`)) as unknown as [Record<string, unknown>[]];
    sqlite.transaction(() => {
      for (const row of data) insert.run(row.uuid, table, JSON.stringify(row));
    })();
    rawRows += data.length;
  }
  const rawMs = now() - start;
  await conn.end();
  sqlite.close();
  const floor = await pullFloor(env);
  const rate = rows / (pullMs / 1000);
  const rawRate = rawRows / (rawMs / 1000);
  const floorRate = floor.rows / floor.seconds;
  return [
    {
      id: '2',
      name: `Initial pull, ${rows} rows into SQLite`,
      value: Math.round(rate),
      unit: 'rows/s',
      baseline: Math.round(rawRate),
      baselineName: 'SELECT + prepared INSERT',
      ratio: rate / rawRate,
      target: '≥ 0.50',
      met: rate / rawRate >= 0.5,
      notes: `${ms(pullMs / 1000)} s end to end`,
    },
    {
      id: '2b',
      name: 'Initial pull bytes, gzip vs plain',
      value: Math.round(gzipBytes / 1024),
      unit: 'KiB',
      baseline: Math.round(plainBytes / 1024),
      baselineName: 'without gzip',
      ratio: plainBytes / Math.max(1, gzipBytes),
      target: '≥ 5× smaller',
      met: plainBytes / Math.max(1, gzipBytes) >= 5,
    },
    {
      id: '2c',
      name: 'Initial pull vs its floor (JSON + gzip + real tables)',
      value: Math.round(rate),
      unit: 'rows/s',
      baseline: Math.round(floorRate),
      baselineName: 'SELECT, JSON, gzip, gunzip, parse, prepared INSERT',
      ratio: rate / floorRate,
      target: '—',
      met: null,
      notes: `floor ${(floorRate / rawRate).toFixed(2)} of SELECT + prepared INSERT`,
    },
  ];
}

/** All pull pages from the start, counting the response bytes as they cross the wire. */
async function wireBytes(
  env: BenchEnv,
  who: { token: string; deviceId: string },
  encoding: 'gzip' | 'identity',
): Promise<number> {
  let total = 0;
  let cursor: string | undefined;
  for (;;) {
    const body = JSON.stringify({ device_id: who.deviceId, limit: 1000, ...(cursor ? { cursor } : {}) });
    const { bytes, text } = await new Promise<{ bytes: number; text: string }>((resolve, reject) => {
      const req = request(
        `${env.serverUrl}/api/v1/sync/pull`,
        {
          method: 'POST',
          agent: false,
          headers: {
            authorization: `Bearer ${who.token}`,
            'content-type': 'application/json',
            'accept-encoding': encoding,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            resolve({
              bytes: raw.length,
              text: (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString(),
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    total += bytes;
    const page = JSON.parse(text) as PullResponse;
    cursor = page.cursor;
    if (!page.has_more) return total;
  }
}

export const initialPullFigure: BenchFigure = {
  id: '2',
  name: 'Initial pull into SQLite',
  unit: 'rows/s',
  target: '≥ 0.50',
  step: 'initial pull',
  run: initialPull,
};
