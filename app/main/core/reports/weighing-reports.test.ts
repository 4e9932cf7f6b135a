import { afterEach, describe, expect, it } from 'vitest';
import { seedPriced } from '../domain/pricing-test-seed';
import { tempCore } from '../test-support';
import { renderReport } from './reports';
import { reportContext } from './report-test-context';

type TempCore = Awaited<ReturnType<typeof tempCore>>;

const ctx = reportContext({ printedAt: '2026-03-11 08:00' });

/** The report's words without markup, one space between cells. */
function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('statements and the daily summary show grading, refusals, places, shifts and typed weights', () => {
  let core: TempCore;
  afterEach(async () => core?.cleanup());

  async function seedDay() {
    core = await tempCore();
    const seeded = await seedPriced(core);
    const { supplier, tea, milk } = seeded;
    const day = { supplier_uuid: supplier.uuid, gross_weight_milli: 12_000 };
    await core.collections.create({
      ...day,
      product_uuid: tea.uuid,
      collected_at: '2026-03-10T05:00:00Z',
      grade: 'A',
      shift: 'morning',
      weighed_on_scale: true,
    });
    await core.collections.create({
      ...day,
      product_uuid: tea.uuid,
      collected_at: '2026-03-10T15:00:00Z',
      grade: 'C',
      shift: 'evening',
      weighed_on_scale: false,
    });
    await core.collections.create({
      ...day,
      product_uuid: milk.uuid,
      collected_at: '2026-03-10T05:30:00Z',
      readings: JSON.stringify({ fat: 375, snf: 860 }),
      shift: 'morning',
      weighed_on_scale: true,
    });
    await core.collections.create({
      ...day,
      product_uuid: milk.uuid,
      collected_at: '2026-03-10T16:00:00Z',
      readings: JSON.stringify({ fat: 310, snf: 820 }),
      shift: 'evening',
      second_delivery: false,
      rejection_reason: 'adulterated',
      rejection_note: 'water added',
      weighed_on_scale: true,
    });
    return seeded;
  }

  it('statement: each collection line says its grade or readings, its shift and any refusal', async () => {
    const { supplier } = await seedDay();
    const report = await renderReport(
      core,
      { kind: 'statement', supplier_uuid: supplier.uuid, from: '2026-03-10', to: '2026-03-10' },
      ctx,
    );
    const text = textOf(report.html);
    expect(text).toContain('Tea leaf — grade A · morning');
    expect(text).toContain('Tea leaf — grade C · evening');
    expect(text).toContain('Milk — Fat % 3.75, SNF % 8.60 · morning');
    expect(text).toContain('Milk — Fat % 3.10, SNF % 8.20 · evening · REFUSED: adulterated (water added)');
  });

  it('daily summary: totals by route, centre and shift; refused deliveries; typed weights flagged', async () => {
    await seedDay();
    const report = await renderReport(core, { kind: 'daily', date: '2026-03-10' }, ctx);
    const text = textOf(report.html);
    expect(text).toContain('By route, centre and shift');
    // Hill route, no centre: morning tea A 12 kg at 25.00 and milk 12 l at 46.00; evening tea C typed at 16.00
    // and the refused milk at nothing.
    expect(text).toContain('HILL — evening 2 1 1 24 $192.00');
    expect(text).toContain('HILL — morning 2 0 0 24 $852.00');
    expect(text).toContain('Refused at the scale');
    expect(text).toMatch(/REFUSED: adulterated \(water added\)/);
    const typed = text.slice(text.indexOf('TYPED WEIGHTS'));
    expect(typed).toContain('grade C · evening');
    expect(typed).not.toContain('grade A');
  });
});
