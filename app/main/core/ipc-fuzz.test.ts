import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../shared/ipc/contract';
import { createIpcHandlers } from './ipc/ipc-handlers';
import { dispatch } from './dispatch';
import type { ReportPrinter } from './reports/printer';
import { JsonSettingsStore } from './settings';
import { seedBasics, tempCore } from './test-support';

/** Channels that reach the network, Chromium or argon2 are fuzzed elsewhere or not at all (no traffic leaves the box). */
const SKIP = new Set<Channel>([
  'session.login',
  'session.unlock',
  'session.connect',
  'setup.connect',
  'setup.local',
  'setup.demo',
  'sync.now',
  'conflicts.resolve',
  'conflicts.reopen',
  'reports.print',
  'reports.savePdf',
]);

const noPrinter: ReportPrinter = {
  print: async () => ({ ok: false, message: 'no printer in tests' }),
  savePdf: async () => ({ ok: false, message: 'no printer in tests' }),
};

describe('every IPC channel under fuzzing', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  let api: ReturnType<typeof createIpcHandlers>;
  let ids: string[] = [];
  beforeAll(async () => {
    core = await tempCore();
    const { supplier, product } = await seedBasics(core);
    const payment = await core.payments.create({
      supplier_uuid: supplier.uuid,
      amount_minor: 100,
      type: 'advance',
      method: 'cash',
    });
    ids = [supplier.uuid, product.uuid, payment.uuid];
    api = createIpcHandlers(core, new JsonSettingsStore(join(core.dir, 'settings.json')), noPrinter);
  });
  afterAll(async () => core?.cleanup());

  async function counts() {
    const out: Record<string, number> = {};
    for (const table of [
      'suppliers',
      'products',
      'product_rates',
      'collections',
      'payments',
      'outbox',
      'audit',
    ] as const) {
      out[table] = Number(
        (
          await core.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    }
    return out;
  }

  const input = () =>
    fc.oneof(
      fc.anything(),
      fc.dictionary(
        fc.constantFrom(
          'uuid',
          'supplier_uuid',
          'product_uuid',
          'code',
          'name',
          'amount_minor',
          'quantity_milli',
          'reason',
          'search',
          'limit',
          'spec',
          'patch',
          'status',
          'unit',
          'type',
          'method',
          'op_id',
          'entity_types',
        ),
        fc.oneof(
          fc.constantFrom(...ids),
          fc.string(),
          fc.integer(),
          fc.double(),
          fc.boolean(),
          fc.constant(null),
          fc.object(),
        ),
      ),
    );

  it.each(CHANNELS.filter((c) => !SKIP.has(c)))(
    '%s: never throws, names what is wrong, never half-writes',
    async (channel) => {
      await fc.assert(
        fc.asyncProperty(input(), async (value) => {
          const before = await counts();
          const result = await dispatch(api, channel, value);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) {
            expect(result.error.code).toMatch(/^[A-Z_]+$/);
            expect(result.error.message.length).toBeGreaterThan(0);
            expect(result.error.code).not.toBe('INTERNAL');
            expect(await counts()).toEqual(before);
          }
        }),
        { numRuns: 40, seed: 5 },
      );
    },
  );
});
