import { newId } from '../../shared';
import type { PushHooks } from '../../server/src/sync/apply-push';
import type { SimDesk } from './world';

/**
 * The hostile desk of the simulation: among its normal work it sends, straight from its outbox (as a tampered
 * or buggy desk would), each op of issue 13 that once made the server throw, stored what MariaDB alters, or
 * overwrote money silently. Each must come back as that op's own refusal (needs attention) or as a stored
 * conflict, and nothing behind it may stall.
 */
const HOSTILE_KINDS = [
  'amount-overflow',
  'year-10000',
  'nested',
  'long-stamp',
  'nul',
  'lone-surrogate',
  'unknown-field',
  'edit-voided',
  'outside-changed-fields',
  'unversioned-money',
  'duplicate-create',
  'server-bug',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/**
 * The kinds a run sends: the server-bug op needs the push hook, which only an in-process server runs (a
 * cluster's instances are processes of their own).
 */
export function hostileKinds(inProcessServer: boolean): readonly HostileKind[] {
  return inProcessServer ? HOSTILE_KINDS : HOSTILE_KINDS.filter((k) => k !== 'server-bug');
}

/** What the server must make of each: a refusal, or a dispute kept for a supervisor. */
export const EXPECTED: Record<HostileKind, 'refused' | 'conflict'> = {
  'amount-overflow': 'refused',
  'year-10000': 'refused',
  nested: 'refused',
  'long-stamp': 'refused',
  nul: 'refused',
  'lone-surrogate': 'refused',
  'unknown-field': 'refused',
  'edit-voided': 'refused',
  'outside-changed-fields': 'refused',
  'unversioned-money': 'conflict',
  'duplicate-create': 'conflict',
  'server-bug': 'refused',
};

/** The note that makes the simulated server throw on an op, as an unknown server bug would (PushHooks). */
const SERVER_BUG_NOTE = 'hostile: the server throws on this';

/** A push hook failing every batch that holds the server-bug op: the desk must split it out by itself. */
export function serverBugHook(hooks: PushHooks): void {
  hooks.afterOp = (_index, op) => {
    if (op.data.notes === SERVER_BUG_NOTE) throw new Error('simulated server bug');
  };
}

export interface HostileContext {
  desk: SimDesk;
  supplierUuid: string;
  productUuid: string;
  random: () => number;
  /** Records the desk's last local write as acknowledged work (the victims are real rows the checks count). */
  acknowledged(kind: 'payment' | 'void'): Promise<void>;
}

export interface SentHostile {
  kind: HostileKind;
  op_id: string;
}

/** What marks the hostile desk's victims, which the other desks leave alone (simulate.ts randomRow). */
export const HOSTILE_VICTIM_NOTE = 'hostile desk victim';

/** A payment of the hostile desk's own, synced if it can be, for the ops that need an existing row. */
async function victim(ctx: HostileContext, voided: boolean) {
  const core = ctx.desk.core;
  let row = await core.payments.create({
    supplier_uuid: ctx.supplierUuid,
    amount_minor: 100 + Math.floor(ctx.random() * 10_000),
    type: 'advance',
    method: 'cash',
    notes: HOSTILE_VICTIM_NOTE,
  });
  await ctx.acknowledged('payment');
  if (voided) {
    row = await core.payments.void({ uuid: row.uuid, reason: 'Hostile victim' });
    await ctx.acknowledged('void');
  }
  await core.engine.sync('manual');
  // Only a victim the server has: its answer (created_at, version) reached the desk before the hostile op
  // freezes the row there in "needs attention".
  const waiting = await core.db
    .selectFrom('outbox')
    .select('op_id')
    .where('entity_uuid', '=', row.uuid)
    .where('status', 'in', ['pending', 'error'])
    .execute();
  return waiting.length ? null : row;
}

/**
 * Queues one hostile op on the desk's outbox, after any normal work it needs; null when that work did not reach
 * the server (the desk offline, a fault), so the kind is tried again next time.
 */
export async function sendHostile(kind: HostileKind, ctx: HostileContext): Promise<SentHostile | null> {
  const now = new Date().toISOString();
  const payment = (extra: Record<string, unknown> = {}) => ({
    uuid: newId(),
    supplier_uuid: ctx.supplierUuid,
    amount_minor: 1234,
    type: 'advance',
    method: 'cash',
    paid_at: now,
    ...extra,
  });
  let op: {
    entity_type: string;
    operation: 'create' | 'update';
    data: Record<string, unknown>;
    changed_fields?: string[];
    client_timestamp?: string;
    base_version?: number;
  };
  switch (kind) {
    case 'amount-overflow':
      op = {
        entity_type: 'collections',
        operation: 'create',
        data: {
          uuid: newId(),
          supplier_uuid: ctx.supplierUuid,
          product_uuid: ctx.productUuid,
          collected_at: now,
          quantity_milli: Number.MAX_SAFE_INTEGER,
        },
      };
      break;
    case 'year-10000':
      op = { entity_type: 'payments', operation: 'create', data: payment({ paid_at: '9999-12-31T23:00:00-05:00' }) };
      break;
    case 'nested': {
      // Deep enough to be refused; a real desk's own JSON.stringify would overflow long before 10,000.
      let nested: unknown = 'bottom';
      for (let i = 0; i < 500; i++) nested = { deeper: nested };
      op = { entity_type: 'payments', operation: 'create', data: payment({ extra: nested }) };
      break;
    }
    case 'long-stamp':
      op = {
        entity_type: 'payments',
        operation: 'create',
        data: payment(),
        client_timestamp: `0000-01-01T00:00:00.000Z-0000-${'n'.repeat(90)}`,
      };
      break;
    case 'nul':
      op = { entity_type: 'payments', operation: 'create', data: payment({ notes: 'a\u0000b' }) };
      break;
    case 'lone-surrogate':
      op = { entity_type: 'payments', operation: 'create', data: payment({ reference: 'x\uD800y' }) };
      break;
    case 'unknown-field':
      op = { entity_type: 'payments', operation: 'create', data: payment({ colour: 'red' }) };
      break;
    case 'server-bug':
      op = { entity_type: 'payments', operation: 'create', data: payment({ notes: SERVER_BUG_NOTE }) };
      break;
    case 'edit-voided': {
      const row = await victim(ctx, true);
      if (!row) return null;
      // Edited "offline" from before the void.
      op = {
        entity_type: 'payments',
        operation: 'update',
        data: { uuid: row.uuid, version: 1, notes: 'after the void' },
        changed_fields: ['notes'],
        base_version: 1,
      };
      break;
    }
    case 'outside-changed-fields': {
      const row = await victim(ctx, false);
      if (!row) return null;
      op = {
        entity_type: 'payments',
        operation: 'update',
        data: { uuid: row.uuid, version: row.version, notes: 'named', amount_minor: 1 },
        changed_fields: ['notes'],
        base_version: row.version,
      };
      break;
    }
    case 'unversioned-money': {
      const row = await victim(ctx, false);
      if (!row) return null;
      op = {
        entity_type: 'payments',
        operation: 'update',
        data: { uuid: row.uuid, amount_minor: row.amount_minor + 1 },
        changed_fields: ['amount_minor'],
      };
      break;
    }
    case 'duplicate-create': {
      const row = await victim(ctx, false);
      if (!row) return null;
      op = {
        entity_type: 'payments',
        operation: 'create',
        data: payment({ uuid: row.uuid, amount_minor: row.amount_minor + 1 }),
      };
      break;
    }
  }
  const opId = newId();
  await ctx.desk.core.db
    .insertInto('outbox')
    .values({
      op_id: opId,
      entity_type: op.entity_type,
      entity_uuid: op.data.uuid as string,
      operation: op.operation,
      base_version: op.base_version ?? 0,
      changed_fields: op.changed_fields ? JSON.stringify(op.changed_fields) : null,
      payload: JSON.stringify(op.data),
      client_timestamp: op.client_timestamp ?? `${now}-0000-hostile`,
      user_id: null,
      status: 'pending',
      attempts: 0,
      last_error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { kind, op_id: opId };
}
