import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared';
import { testConfig } from '../test/config';
import { createTestDatabase, type TestDatabase } from '../test/mysql';
import { buildServer, REDACT_PATHS } from './app';
import { addUser } from './users/users';

describe('structured logs', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
    await addUser(test.db, { email: 'log@example.com', password: 'very secret password', name: 'Log', role: 'clerk' });
  });
  afterAll(async () => test?.drop());

  it('are JSON lines with no passwords or tokens in them', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const app = await buildServer({
      config: testConfig({ mysqlUrl: test.url }),
      db: test.db,
      logger: { level: 'trace', stream, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    });
    const deviceId = newId();
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'log@example.com', password: 'very secret password', device_id: deviceId },
    });
    const tokens = login.json();
    await app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: { authorization: `Bearer ${tokens.access_token}` },
      payload: { device_id: deviceId },
    });
    await app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: tokens.refresh_token } });
    await app.close();
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(all).not.toContain('very secret password');
    expect(all).not.toContain(tokens.access_token);
    expect(all).not.toContain(tokens.refresh_token);
  });
});
