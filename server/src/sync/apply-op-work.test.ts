import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY, newId } from '../../../shared';
import { applyOp, type OpEnv } from './apply-op';
import { BatchState } from './batch-state';
import { idOf } from './op/env';
import { parseOps } from './op/envelope';
import { toWire, type ServerRow } from './rows';
import { supplierCreateOp } from '../../test/supplier-op';

// Counts the per-op work of applying new records to a batch (in memory: no database), and holds the answers
// to the shape they had.

const user = newId();
const NOW = Date.parse('2026-11-20T07:45:03.120Z');

const supplierCreate = (i: number, withOpId = true) => supplierCreateOp(i, user, withOpId);

function envOf(now = new Date(NOW + 60_000).toISOString()): OpEnv {
  return {
    state: new BatchState(0, true),
    claims: { sub: user, role: 'clerk' } as OpEnv['claims'],
    policy: DEFAULT_POLICY as OpEnv['policy'],
    orgTimeZone: 'Africa/Nairobi',
    now,
    audit: [],
    conflicts: [],
    batchBase: new Map(),
  };
}

function applyAll(env: OpEnv, batch: unknown[]) {
  return parseOps(batch).map((p) => {
    if (!('op' in p)) throw new Error('refused');
    return applyOp(env, p.op, p.data);
  });
}

describe('work per op when applying creates', () => {
  afterEach(() => vi.restoreAllMocks());
  const batch = Array.from({ length: 100 }, (_, i) => supplierCreate(i));

  it('builds no per-op lists from the registry (entries, fromEntries)', () => {
    const env = envOf();
    const parsed = parseOps(batch);
    const entries = vi.spyOn(Object, 'entries');
    const fromEntries = vi.spyOn(Object, 'fromEntries');
    for (const p of parsed) if ('op' in p) applyOp(env, p.op, p.data);
    expect(entries.mock.calls.length + fromEntries.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it("reads the server's time once per batch, not once per op", () => {
    const env = envOf();
    const parsed = parseOps(batch);
    const parse = vi.spyOn(Date, 'parse');
    for (const p of parsed) if ('op' in p) applyOp(env, p.op, p.data);
    // The op's clock stamp is parsed (checked, then trusted); the batch's `now` once.
    expect(parse.mock.calls.length).toBeLessThanOrEqual(2 * batch.length + 1);
  });

  it('answers each create with the row as clients see it, keys in the same order as before', () => {
    const env = envOf();
    const [first] = applyAll(env, [batch[0], supplierCreate(1, false)]);
    const sent = batch[0]!;
    expect(first!.kind).toBe('success');
    const item = first!.item as { entity: Record<string, unknown> };
    expect(Object.keys(first!.item)).toEqual(['op_id', 'entity_type', 'uuid', 'entity', 'merged']);
    expect(Object.keys(item.entity)).toEqual([
      'uuid',
      'version',
      'created_at',
      'updated_at',
      'deleted_at',
      'created_by',
      'updated_by',
      'code',
      'name',
      'phone',
      'address',
      'region',
      'notes',
      'active',
      'payout_method',
      'bank_account_name',
      'bank_account_number',
      'bank_code',
      'mobile_phone',
      'route_uuid',
      'centre_uuid',
    ]);
    expect(item.entity).toMatchObject({ uuid: sent.data.uuid, version: 1, created_at: env.now, code: 'S-0' });
    const stored = env.state.get('suppliers', sent.data.uuid)!;
    expect(stored.field_versions).toEqual(Object.fromEntries(Object.keys(stored.field_versions).map((f) => [f, 1])));
    expect(Object.keys(stored.field_versions)).toEqual([
      'code',
      'name',
      'phone',
      'address',
      'region',
      'notes',
      'active',
      'payout_method',
      'bank_account_name',
      'bank_account_number',
      'bank_code',
      'mobile_phone',
      'route_uuid',
      'centre_uuid',
    ]);
    expect(stored.last_hlc).toBe(sent.client_timestamp);
  });

  it('toWire and idOf give what the spread-and-delete forms gave', () => {
    const oldToWire = (row: ServerRow) => {
      const wire: Record<string, unknown> = { ...row };
      for (const column of ['seq', 'field_versions', 'last_hlc']) delete wire[column];
      return wire;
    };
    const oldIdOf = (op: { op_id?: string; entity_type: string }, uuid: string) => ({
      ...(op.op_id ? { op_id: op.op_id } : {}),
      entity_type: op.entity_type,
      uuid,
    });
    const env = envOf();
    applyAll(env, batch.slice(0, 5));
    for (const sent of batch.slice(0, 5)) {
      const row = env.state.get('suppliers', sent.data.uuid)!;
      expect(JSON.stringify(toWire(row))).toBe(JSON.stringify(oldToWire(row)));
      expect(Object.keys(toWire(row))).toEqual(Object.keys(oldToWire(row)));
      const odd = { ...row, extra: 1, seq: undefined } as unknown as ServerRow;
      expect(Object.keys(toWire(odd))).toEqual(Object.keys(oldToWire(odd)));
    }
    for (const op of [{ op_id: 'a', entity_type: 't' }, { entity_type: 't' }, { op_id: '', entity_type: 't' }])
      expect(JSON.stringify(idOf(op as never, 'u'))).toBe(JSON.stringify(oldIdOf(op, 'u')));
  });
});
