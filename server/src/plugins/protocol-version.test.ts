import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../shared';
import { startHarness, type Desk, type Harness } from '../../test/harness';

/** The server's half of the version handshake: it names its version on every answer and refuses desks it cannot serve. */
describe('protocol version, server side', () => {
  let h: Harness;
  let clerk: Desk;
  beforeAll(async () => {
    h = await startHarness();
    clerk = await h.desk('clerk');
  });
  afterAll(async () => h?.close());

  const pull = (version?: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: { ...clerk.auth, ...(version === undefined ? {} : { [PROTOCOL_HEADER]: version }) },
      payload: { device_id: clerk.deviceId },
    });

  it('serves a desk of its own version and names that version in the answer', async () => {
    const res = await pull(String(PROTOCOL_VERSION));
    expect(res.statusCode).toBe(200);
    expect(res.headers[PROTOCOL_HEADER]).toBe(String(PROTOCOL_VERSION));
  });

  it('serves a request without the header (health checks, tools) as the current version', async () => {
    expect((await pull()).statusCode).toBe(200);
    const health = await h.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.headers[PROTOCOL_HEADER]).toBe(String(PROTOCOL_VERSION));
  });

  it('tells a desk too old for it to update, and changes nothing', async () => {
    const res = await pull(String(PROTOCOL_VERSION - 1));
    expect(res.statusCode).toBe(426);
    expect(res.json().error.code).toBe('PROTOCOL_MISMATCH');
    expect(res.json().error.message).toMatch(/update this desk/);
    expect(res.headers[PROTOCOL_HEADER]).toBe(String(PROTOCOL_VERSION));
  });

  it('tells a desk newer than it that the server needs updating', async () => {
    const res = await pull(String(PROTOCOL_VERSION + 1));
    expect(res.statusCode).toBe(426);
    expect(res.json().error.message).toMatch(/update the server/);
  });

  it('refuses a version that is not a number, naming the header', async () => {
    const res = await pull('one');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual({ [PROTOCOL_HEADER]: 'must be a whole number' });
  });
});
