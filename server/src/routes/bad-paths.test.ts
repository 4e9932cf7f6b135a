import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Desk, type Harness } from '../../test/harness';

/** Addresses a hostile client may send (found by route-fuzz.test.ts): answered in the protocol's shape, never 5xx. */
describe('malformed paths', () => {
  let h: Harness;
  let supervisor: Desk;
  beforeAll(async () => {
    h = await startHarness();
    supervisor = await h.desk('supervisor');
  });
  afterAll(async () => h?.close());

  const post = (url: string) =>
    h.app.inject({
      method: 'POST',
      url,
      headers: { ...supervisor.auth, 'content-type': 'application/json' },
      payload: '{}',
    });

  it('answers a path that is not valid UTF-8, or a segment longer than any id, with 404 NOT_FOUND', async () => {
    for (const id of ['%FF', '%ED%A0%80', '%', 'x'.repeat(5000)]) {
      const res = await post(`/api/v1/settlements/${id}/recompute`);
      expect(res.statusCode, id.slice(0, 20)).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('names `id` when a run id is not a uuid, as the conflict routes do', async () => {
    for (const url of ['/api/v1/settlements/a%00b/approve', '/api/v1/conflicts/a%00b/reopen']) {
      const res = await post(url);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields).toEqual({ id: expect.any(String) });
    }
  });
});
