import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
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

  it('refuses a string the database would alter on every route but push, naming the field; nothing is stored', async () => {
    const run = await h.app.inject({
      method: 'POST',
      url: '/api/v1/settlements',
      headers: supervisor.auth,
      payload: { period_from: '2026-10-01', period_to: '2026-10-31', name: 'October \uD800' },
    });
    expect(run.statusCode).toBe(422);
    expect(run.json().error.fields).toEqual({ name: expect.stringMatching(/cannot store/) });
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: {
        email: 'clerk@example.com',
        password: 'correct horse battery',
        device_id: newId(),
        device_name: 'a\u0000b',
      },
    });
    expect(login.statusCode).toBe(422);
    expect(login.json().error.fields).toEqual({ device_name: expect.any(String) });
    expect(await h.test.db.selectFrom('settlement_runs').select('uuid').execute()).toEqual([]);
  });
});
