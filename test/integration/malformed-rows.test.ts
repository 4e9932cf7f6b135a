import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../app/main/core/auth/secret-store';
import { createCore, type Core } from '../../app/main/core/create-core';
import { connectDesk } from '../../app/main/core/desk/connect';
import { createLocalAdmin } from '../../app/main/core/desk/local-admin';
import { newId, PROTOCOL_HEADER } from '../../shared';
import { op, push, seedReference } from '../../server/test/harness';
import { PASSWORD, startOffice } from './desks';

type Row = Record<string, unknown>;
type Body = Record<string, unknown>;

/**
 * A server that answers one route with a broken row: the real server's answer, with `spoil` applied to its
 * parsed body while `on.spoiling` is true (a server bug, or a hostile server).
 */
function spoiling(route: string, spoil: (body: Body) => void, on = { spoiling: true }): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!on.spoiling || !String(input).endsWith(route) || !response.ok) return response;
    const body = (await response.json()) as Body;
    spoil(body);
    return new Response(JSON.stringify(body), {
      status: response.status,
      headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: response.headers.get(PROTOCOL_HEADER) ?? '' },
    });
  };
}

const TABLES = ['suppliers', 'products', 'product_rates', 'collections', 'payments'] as const;

describe('rows from the server are checked against their type before the desk keeps any', () => {
  let office: Awaited<ReturnType<typeof startOffice>>;
  let paymentUuid: string;
  let collectionUuid: string;
  beforeAll(async () => {
    office = await startOffice();
    const { supervisor, supplier, product } = await seedReference(office.harness);
    paymentUuid = newId();
    collectionUuid = newId();
    const res = await push(office.harness, supervisor, [
      op('collections', 'create', {
        uuid: collectionUuid,
        supplier_uuid: supplier.uuid,
        product_uuid: product.uuid,
        quantity_milli: 12_500,
        collected_at: '2026-11-20T07:45:00.000Z',
      }),
      op('payments', 'create', {
        uuid: paymentUuid,
        supplier_uuid: supplier.uuid,
        amount_minor: 250_000,
        type: 'advance',
        method: 'cash',
      }),
    ]);
    if (res.body.results.success.length !== 2) throw new Error(`seed failed: ${JSON.stringify(res.body)}`);
  });
  afterAll(async () => office?.close());

  const rowOf = (body: Body, type: string, uuid: string) =>
    ((body.changes as Record<string, Row[]>)[type] ?? []).find((r) => r.uuid === uuid)!;

  const pullCases: [string, (body: Body) => { uuid: string; type: string; field: string }][] = [
    [
      'money that is not a whole number',
      (body) => {
        rowOf(body, 'payments', paymentUuid).amount_minor = '2500.00';
        return { type: 'payments', uuid: paymentUuid, field: 'amount_minor must be a whole number' };
      },
    ],
    [
      'a required field missing',
      (body) => {
        delete rowOf(body, 'collections', collectionUuid).supplier_uuid;
        return { type: 'collections', uuid: collectionUuid, field: 'supplier_uuid is required' };
      },
    ],
    [
      'a value outside its list',
      (body) => {
        rowOf(body, 'payments', paymentUuid).method = 'barter';
        return { type: 'payments', uuid: paymentUuid, field: 'method must be one of: cash, bank, mobile, cheque' };
      },
    ],
  ];

  for (const [what, spoil] of pullCases) {
    it(`refuses a pulled page with ${what} as a whole: nothing stored, cursor kept, the error names it`, async () => {
      const on = { spoiling: true };
      let expected: ReturnType<typeof spoil> | undefined;
      const desk = await office.desk('clerk', {
        fetch: spoiling('/api/v1/sync/pull', (body) => (expected = spoil(body)), on),
      });
      const result = await desk.engine.sync('manual');
      expect(result.outcome).toBe('error');
      expect(result.message).toContain(`${expected!.type} row ${expected!.uuid}: ${expected!.field}`);
      expect(desk.engine.status.lastError).toBe(result.message);
      for (const table of TABLES)
        expect(desk.sqlite.prepare(`select count(*) as n from ${table}`).get(), table).toEqual({ n: 0 });
      expect(desk.sqlite.prepare("select value from sync_state where key = 'pull_cursor'").get()).toBeUndefined();

      // The same page, whole, is kept once the server answers right: nothing was lost or skipped.
      on.spoiling = false;
      const again = await desk.engine.sync('manual');
      expect(again.outcome, again.message ?? '').toBe('success');
      expect(again.pulled).toBe(5);
      expect(desk.sqlite.prepare('select amount_minor, method from payments').get()).toEqual({
        amount_minor: 250_000,
        method: 'cash',
      });
    });
  }

  it('refuses a push answer with a malformed row as a whole: its ops stay pending and go again', async () => {
    const on = { spoiling: true };
    const target = { uuid: '' };
    const desk = await office.desk('clerk', {
      fetch: spoiling(
        '/api/v1/sync/push',
        (body) => {
          // The desk asks for changes (a row's values other than those it sent): a malformed one among them.
          const { success } = body.results as { success: { uuid: string; changes: Row }[] };
          success.find((s) => s.uuid === target.uuid)!.changes.amount_minor = 1.5;
        },
        on,
      ),
    });
    const supplier = await desk.suppliers.create({ code: 'S-ANSWER', name: 'Answer check' });
    const payment = await desk.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 1000,
      type: 'advance',
      method: 'cash',
    });
    target.uuid = payment.uuid;
    const result = await desk.engine.sync('manual');
    expect(result.outcome).toBe('error');
    expect(result.message).toContain(`payments row ${payment.uuid}: amount_minor must be a whole number`);
    // The supplier's answer was fine, but nothing of the answer was kept: both ops wait, both rows pending.
    expect(desk.sqlite.prepare('select status from outbox order by id').all()).toEqual([
      { status: 'pending' },
      { status: 'pending' },
    ]);
    expect(desk.sqlite.prepare('select sync_status from suppliers').get()).toEqual({ sync_status: 'pending' });
    expect(desk.sqlite.prepare('select sync_status, amount_minor from payments').get()).toEqual({
      sync_status: 'pending',
      amount_minor: 1000,
    });

    // Sent again, the server replays its stored answers (by op_id), right this time: kept, nothing doubled.
    on.spoiling = false;
    const again = await desk.engine.sync('manual');
    expect(again.outcome, again.message ?? '').toBe('success');
    expect(desk.sqlite.prepare('select status from outbox order by id').all()).toEqual([
      { status: 'completed' },
      { status: 'completed' },
    ]);
    expect(
      desk.sqlite.prepare('select version, sync_status, amount_minor from payments where uuid = ?').all(payment.uuid),
    ).toEqual([{ version: 1, sync_status: 'synced', amount_minor: 1000 }]);
  });

  it('refuses a joining desk a malformed server row among its code clashes, before mapping keeps it', async () => {
    const theirs = { uuid: newId(), code: 'BAD-JOIN', name: 'Server copy' };
    const boss = await office.harness.desk('supervisor');
    await push(office.harness, boss, [op('suppliers', 'create', theirs)]);
    const desk: Core = await createCore({
      filename: join(mkdtempSync(join(tmpdir(), 'collectpay-join-')), 'desk.sqlite'),
      secrets: new MemorySecretStore(),
      fetch: spoiling('/api/v1/sync/pull', (body) => {
        const row = rowOf(body, 'suppliers', theirs.uuid);
        if (row) row.payout_method = 'barter';
      }),
    });
    try {
      await createLocalAdmin(desk, { name: 'Owner', email: 'owner@example.com', password: 'owner password' });
      const mine = await desk.suppliers.create({ code: 'bad-join', name: 'Desk copy' });
      const joining = connectDesk(
        desk,
        { serverUrl: office.url, email: 'supervisor@example.com', password: PASSWORD },
        { decisions: [{ local_uuid: mine.uuid, action: 'merge' }] },
      );
      await expect(joining).rejects.toThrow(`suppliers row ${theirs.uuid}: payout_method must be one of`);
      expect(desk.sqlite.prepare('select uuid from suppliers').all()).toEqual([{ uuid: mine.uuid }]);
      expect(desk.sqlite.prepare('select status from outbox').all()).toEqual([{ status: 'pending' }]);
    } finally {
      await desk.close();
    }
  });
});
