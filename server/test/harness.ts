import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { newId, type Role, type TokenResponse } from '../../shared';
import { buildServer } from '../src/app';
import type { ServerConfig } from '../src/config';
import type { PushHooks } from '../src/sync/apply-push';
import { addUser } from '../src/users/users';
import { testConfig } from './config';
import { createTestDatabase, type TestDatabase } from './mysql';

export interface Desk {
  deviceId: string;
  token: string;
  tokens: TokenResponse;
  auth: { authorization: string };
}

export interface Harness {
  app: FastifyInstance;
  test: TestDatabase;
  hooks: PushHooks;
  /** A user of that role signed in on a fresh device. */
  desk(role?: Role): Promise<Desk>;
  close(): Promise<void>;
}

/** A server on its own throwaway database, with a user per role (password "correct horse battery"). */
export async function startHarness(
  overrides: Partial<ServerConfig> = {},
  options: { dbPlugin?: KyselyPlugin } = {},
): Promise<Harness> {
  const test = await createTestDatabase();
  const hooks: PushHooks = {};
  const config = testConfig({ mysqlUrl: test.url, ...overrides });
  // A plugin (e.g. one counting queries) sees every statement the server sends.
  const db = options.dbPlugin ? test.db.withPlugin(options.dbPlugin) : test.db;
  const app = await buildServer({ config, db, pushHooks: hooks });
  const users = new Map<Role, string>();
  for (const role of ['clerk', 'supervisor', 'admin'] as Role[]) {
    const email = `${role}@example.com`;
    await addUser(test.db, { email, password: 'correct horse battery', name: `The ${role}`, role });
    users.set(role, email);
  }
  return {
    app,
    test,
    hooks,
    async desk(role: Role = 'clerk') {
      const deviceId = newId();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: {
          email: users.get(role),
          password: 'correct horse battery',
          device_id: deviceId,
          device_name: `${role} desk`,
        },
      });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      const tokens = res.json() as TokenResponse;
      return { deviceId, token: tokens.access_token, tokens, auth: { authorization: `Bearer ${tokens.access_token}` } };
    },
    async close() {
      await app.close();
      await test.drop();
    },
  };
}

/** Push helpers that build well-formed ops. */
export function op(
  entity_type: string,
  operation: string,
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return { op_id: newId(), entity_type, operation, data, ...extra };
}

export async function push(h: Harness, desk: Desk, batch: unknown[]) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/sync/push',
    headers: desk.auth,
    payload: { device_id: desk.deviceId, batch },
  });
  return { status: res.statusCode, body: res.json() };
}

export async function pull(h: Harness, desk: Desk, body: Record<string, unknown> = {}) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/sync/pull',
    headers: desk.auth,
    payload: { device_id: desk.deviceId, ...body },
  });
  return { status: res.statusCode, body: res.json() };
}

/** A supplier, a product and its rate from 2026-01-01, pushed by a supervisor. */
export async function seedReference(h: Harness, rateMinor = 3275) {
  const supervisor = await h.desk('supervisor');
  const supplier = { uuid: newId(), code: `S-${newId().slice(-6)}`, name: 'Amina Njeri' };
  const product = { uuid: newId(), code: `P-${newId().slice(-6)}`, name: 'Tea leaf', unit: 'kg' };
  const rate = { uuid: newId(), product_uuid: product.uuid, rate_minor: rateMinor, effective_from: '2026-01-01' };
  const res = await push(h, supervisor, [
    op('suppliers', 'create', supplier),
    op('products', 'create', product),
    op('product_rates', 'create', rate),
  ]);
  if (res.body.results.success.length !== 3) throw new Error(`seed failed: ${JSON.stringify(res.body)}`);
  return { supervisor, supplier, product, rate };
}
