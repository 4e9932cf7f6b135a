import type { KyselyPlugin } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { newRowBase } from '../domain/row-base';
import { seedBasics, tempCore } from '../test-support';
import { renderDocument } from './paged-document';
import { statementDocument } from './statement';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

it('prints no row of another transaction that is still open (a pull page being applied, then rolled back)', async () => {
  const core = await tempCore();
  cleanup = core.cleanup;
  const { supplier } = await seedBasics(core);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let other: Promise<string> | null = null;
  let sums = 0;
  const ghost = {
    ...newRowBase(core.ctx),
    supplier_uuid: supplier.uuid,
    amount_minor: 777_00,
    type: 'advance',
    method: 'cash',
    reference: 'GHOST-UNCOMMITTED',
    paid_at: '2026-11-10T08:00:00.000Z',
    notes: '',
    voided_at: null,
    void_reason: null,
    adjusts_uuid: null,
  };
  // When the statement's second balance sum answers, another transaction asks for the connection: it writes a
  // payment, waits, and rolls back.
  const plugin: KyselyPlugin = {
    transformQuery: (a) => a.node,
    async transformResult(a) {
      const row = a.result.rows.length === 1 ? JSON.stringify(a.result.rows[0]) : '';
      if (!other && row.includes('total') && sums++ === 1)
        other = core.ctx
          .write(async () => {
            core.ctx.rows.insert('payments', ghost as never, 'synced');
            await gate;
            throw new Error('rolled back');
          })
          .catch((e: Error) => e.message);
      return a.result;
    },
  };
  const watched = Object.assign(Object.create(Object.getPrototypeOf(core) as object) as object, core, {
    db: core.db.withPlugin(plugin),
  }) as typeof core;
  const { document } = await statementDocument(
    watched,
    supplier.uuid,
    { from: '2026-11-01', to: '2026-11-30' },
    { money: (m) => String(m), when: (s) => s, timeZone: 'UTC' },
    { company: { name: 'X', address: '' }, printedAt: '', printedBy: '', paper: 'A4' },
  );
  release();
  expect(other).not.toBeNull();
  expect(await other).toBe('rolled back');
  expect(await core.db.selectFrom('payments').select('uuid').execute()).toHaveLength(0);
  expect(JSON.stringify(renderDocument(document))).not.toContain('GHOST-UNCOMMITTED');
});
