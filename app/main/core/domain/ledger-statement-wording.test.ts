import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReadingsSchema, voidNote } from '../../../../shared';
import { RowSink } from '../reports/paged-document';
import { bounds } from '../reports/report-data';
import { renderReport } from '../reports/reports';
import { reportContext } from '../reports/report-test-context';
import { tempCore } from '../test-support';
import { createLedgerService } from './ledger-service';
import { seedPriced } from './pricing-test-seed';

type TempCore = Awaited<ReturnType<typeof tempCore>>;
const PERIOD = { from: '2026-03-10', to: '2026-03-12' };

/** The ledger on screen and the printed statement word every kind of line alike (shared/domain/ledger-wording.ts). */
describe('a ledger line reads the same on screen and on the statement', () => {
  let core: TempCore;
  let supplierUuid = '';
  let milkUuid = '';

  beforeAll(async () => {
    // Nairobi: an original taken late on the 10th (UTC) is the 11th on the org's clock, in both wordings.
    core = await tempCore({ orgTimeZone: 'Africa/Nairobi' });
    const { supplier, tea, milk } = await seedPriced(core);
    supplierUuid = supplier.uuid;
    milkUuid = milk.uuid;
    const maize = await core.products.create({ code: 'MAIZE', name: 'Maize', unit: 'kg' });
    await core.rates.set({ product_uuid: maize.uuid, rate_minor: 3000, effective_from: '2026-01-01' });
    const collect = (fields: Record<string, unknown>) =>
      core.collections.create({ supplier_uuid: supplier.uuid, gross_weight_milli: 12_000, ...fields } as never);
    const pay = (fields: Record<string, unknown>) =>
      core.payments.create({ supplier_uuid: supplier.uuid, amount_minor: 5_000, method: 'cash', ...fields } as never);

    const plain = await collect({ product_uuid: maize.uuid, collected_at: '2026-03-10T22:30:00Z' });
    await collect({ product_uuid: tea.uuid, collected_at: '2026-03-10T05:00:00Z', grade: 'A', shift: 'morning' });
    const refused = { rejection_reason: 'wet', rejection_note: 'rained on', shift: 'evening' };
    const readings = JSON.stringify({ fat: 310, snf: 820 });
    await collect({ product_uuid: milk.uuid, collected_at: '2026-03-10T16:00:00Z', readings, ...refused });
    const first = await pay({ type: 'advance', paid_at: '2026-03-10T21:15:00Z' });
    await pay({ type: 'partial', method: 'mobile', reference: 'QX1 & co', paid_at: '2026-03-11T09:00:00Z' });
    const voided = await pay({ type: 'partial', paid_at: '2026-03-11T10:00:00Z' });
    await core.payments.void({ uuid: voided.uuid, reason: 'Wrong supplier' });
    // Adjustments link the record they correct (as the sync's adjustment entry writes them).
    const delivery = await collect({ product_uuid: maize.uuid, collected_at: '2026-03-12T08:00:00Z' });
    const payment = await pay({ type: 'advance', paid_at: '2026-03-12T09:00:00Z' });
    core.sqlite.prepare('update collections set adjusts_uuid = ? where uuid = ?').run(plain.uuid, delivery.uuid);
    core.sqlite.prepare('update payments set adjusts_uuid = ? where uuid = ?').run(first.uuid, payment.uuid);
  }, 60_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await core?.cleanup();
  });

  const ledger = () => {
    const { start, end } = bounds(core, PERIOD);
    return createLedgerService(core.ctx).of(supplierUuid, { from: start, to: end });
  };

  it('describes every kind of line: plain, graded, tested and refused, paid, voided, adjusted', async () => {
    expect((await ledger()).lines.map((l) => l.description)).toEqual([
      'Tea leaf — grade A · morning',
      'Milk — Fat % 3.10, SNF % 8.20 · evening · REFUSED: wet (rained on)',
      'Payment (advance, cash)',
      'Maize',
      'Payment (partial, mobile, QX1 & co)',
      'Payment (partial, cash)',
      'Adjustment of 2026-03-11 delivery MAIZE',
      'Adjustment of 2026-03-11 advance payment',
    ]);
  });

  it("prints each line's entry as the ledger's description (and a void as the screen shows it)", async () => {
    const entries: unknown[] = [];
    const add = RowSink.prototype.add;
    // The statement refills one cells object per line: keep each entry as it is drawn.
    vi.spyOn(RowSink.prototype, 'add').mockImplementation(function (this: RowSink, cells) {
      entries.push(cells.entry);
      add.call(this, cells);
    });
    await renderReport(core, { kind: 'statement', supplier_uuid: supplierUuid, ...PERIOD }, reportContext());
    vi.mocked(RowSink.prototype.add).mockRestore();
    // SupplierDetail.tsx shows a void as the description and its voidNote.
    const screen = (await ledger()).lines.map((l) =>
      l.voided ? l.description + voidNote(l.void_reason) : l.description,
    );
    expect(entries).toEqual(['Opening balance', ...screen]);
  });

  it('parses the same readings once per ledger, not once per line', async () => {
    for (const at of ['2026-03-12T05:00:00Z', '2026-03-12T05:10:00Z', '2026-03-12T05:20:00Z'])
      await core.collections.create({
        supplier_uuid: supplierUuid,
        product_uuid: milkUuid,
        gross_weight_milli: 12_000,
        collected_at: at,
        readings: JSON.stringify({ fat: 375, snf: 860 }),
      } as never);
    const parse = vi.spyOn(ReadingsSchema, 'safeParse');
    const lines = (await ledger()).lines;
    const parses = parse.mock.calls.length;
    parse.mockRestore();
    expect(lines.filter((l) => l.description === 'Milk — Fat % 3.75, SNF % 8.60').length).toBe(3);
    // One per distinct rule version and readings text: tea's and maize's empty ones, the refused milk's and
    // these three's (per line it was 7).
    expect(parses).toBe(4);
  });
});
