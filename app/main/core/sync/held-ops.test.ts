import { afterEach, describe, expect, it } from 'vitest';
import { newId, type Role } from '../../../../shared';
import { tempCore } from '../test-support';
import { countWaiting, holdRule } from './held-ops';

const BOSS = newId();
const CLERK = newId();

describe('ops held for a higher role', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  async function deskWith(ops: { type: string; op: string; uuid: string; data: object; user: string | null }[]) {
    const core = await tempCore();
    cleanup = core.cleanup;
    const now = new Date().toISOString();
    for (const [user_id, role] of [
      [BOSS, 'supervisor'],
      [CLERK, 'clerk'],
    ] as const)
      await core.db
        .insertInto('local_users')
        .values({ email: `${role}@x.test`, user_id, name: role, role, verifier: '-', updated_at: now })
        .execute();
    for (const { type, op, uuid, data, user } of ops)
      await core.db
        .insertInto('outbox')
        .values({
          op_id: newId(),
          entity_type: type,
          entity_uuid: uuid,
          operation: op,
          base_version: 1,
          changed_fields: null,
          payload: JSON.stringify({ uuid, ...data }),
          client_timestamp: now,
          user_id: user,
          status: 'pending',
          attempts: 0,
          last_error: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    return core;
  }

  it('holds what the author may do and the signed-in user may not, with the later ops of that record', async () => {
    const [product, payment, other] = [newId(), newId(), newId()];
    const core = await deskWith([
      { type: 'products', op: 'create', uuid: product, data: { code: 'P' }, user: BOSS },
      { type: 'payments', op: 'update', uuid: payment, data: { void_reason: 'typo' }, user: BOSS },
      { type: 'collections', op: 'create', uuid: other, data: { product_uuid: product }, user: CLERK },
      { type: 'payments', op: 'update', uuid: payment, data: { notes: 'x' }, user: CLERK },
      { type: 'suppliers', op: 'create', uuid: newId(), data: {}, user: BOSS },
      { type: 'payments', op: 'delete', uuid: newId(), data: {}, user: BOSS },
      { type: 'products', op: 'create', uuid: newId(), data: {}, user: null },
    ]);
    const ops = await core.db.selectFrom('outbox').selectAll().orderBy('id').execute();
    const held = async (role: Role | null) => ops.map(await holdRule(core.db, role));
    // A clerk's token: the product and the void wait; a supervisor's supplier goes; a delete nobody may do and
    // an op of no known author go for the server to answer.
    expect(await held('clerk')).toEqual([true, true, false, false, false, false, false]);
    expect(await held('supervisor')).toEqual(ops.map(() => false));
    expect(await held(null)).toEqual(ops.map(() => false));
    // Waiting: the two held ops, the collection naming the product, the clerk's edit after the void.
    expect(await countWaiting(core.db, 'clerk')).toBe(4);
    expect(await countWaiting(core.db, 'supervisor')).toBe(0);
  });
});
