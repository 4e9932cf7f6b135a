import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared';
import { op, push } from '../../server/test/harness';
import { startOffice } from './desks';

/**
 * A desk catching up asks for the next page while it applies the current one, and asks for larger pages once
 * a page came back full. Seen from the requests the desk's own fetch sends and the pages it applies.
 */
describe('initial pull', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  beforeAll(async () => {
    office = await startOffice();
    const boss = await office.harness.desk('supervisor');
    for (let b = 0; b < 20; b++) {
      const batch = Array.from({ length: 100 }, (_, i) =>
        op('suppliers', 'create', { uuid: newId(), code: `PP-${b}-${i}`, name: `Pipe ${b}-${i}` }),
      );
      const res = await push(office.harness, boss, batch);
      if (res.body.results?.success.length !== 100) throw new Error(`seed failed: ${JSON.stringify(res.body)}`);
    }
  });
  afterAll(async () => office?.close());

  it('requests page n + 1 before page n is applied, and every row arrives once', async () => {
    const events: string[] = [];
    const desk = await office.desk('clerk', {
      fetch: (input, init) => {
        if (String(input).endsWith('/sync/pull')) {
          // The desk gzips larger bodies.
          const raw = Buffer.from(init?.body as Uint8Array);
          const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString() : raw.toString();
          const body = JSON.parse(text) as { limit?: number };
          events.push(`request ${body.limit}`);
        }
        return fetch(input, init);
      },
    });
    desk.events.on('data.changed', (change) => {
      if (change.source === 'sync') events.push('applied');
    });
    const result = await desk.engine.sync('manual');
    expect(result.outcome, JSON.stringify(result)).toBe('success');
    expect(result.pulled).toBe(2000);
    // 1,000 first; full, so 5,000 next (asked for before the first page is applied); that one ends it.
    expect(events).toEqual(['request 1000', 'request 5000', 'applied', 'applied']);
    expect(desk.sqlite.prepare('select count(distinct uuid) as n from suppliers').get()).toEqual({ n: 2000 });
  });
});
