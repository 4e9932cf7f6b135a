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
    // One row per unit: kilograms and litres are never added together.
    expect(text).toContain('HILL — evening 1 0 1 12 kg $192.00');
    expect(text).toContain('HILL — evening 1 1 0 12 l $0.00');
    expect(text).toContain('HILL — morning 1 0 0 12 kg $300.00');
    expect(text).toContain('HILL — morning 1 0 0 12 l $552.00');
    const byPlace = text.slice(text.indexOf('By route, centre and shift'), text.indexOf('Refused at the scale'));
    expect(byPlace).not.toMatch(/ 24 /);
    expect(text).toContain('Refused at the scale');
    expect(text).toMatch(/REFUSED: adulterated \(water added\)/);
    const typed = text.slice(text.indexOf('TYPED WEIGHTS'));
    expect(typed).toContain('grade C · evening');
    expect(typed).not.toContain('grade A');
  });

  it('daily summary: a plain-rate quantity typed by hand counts as typed, and each unit keeps its own row', async () => {
    core = await tempCore();
    const hill = await core.routes.create({ code: 'HILL', name: 'Hill route' });
    const supplier = await core.suppliers.create({ code: 'S-1', name: 'Amina', route_uuid: hill.uuid });
    const tea = await core.products.create({ code: 'TEA', name: 'Tea leaf', unit: 'kg' });
    const milk = await core.products.create({ code: 'MILK', name: 'Milk', unit: 'l' });
    await core.rates.set({ product_uuid: tea.uuid, rate_minor: 2000, effective_from: '2026-01-01' });
    await core.rates.set({ product_uuid: milk.uuid, rate_minor: 5000, effective_from: '2026-01-01' });
    const typed = (product_uuid: string, quantity_milli: number, hour: string) =>
      core.collections.create({
        supplier_uuid: supplier.uuid,
        product_uuid,
        quantity_milli,
        collected_at: `2026-03-10T${hour}:00:00Z`,
      });
    await typed(tea.uuid, 144_500, '05');
    await typed(milk.uuid, 100_000, '06');
    await typed(milk.uuid, 24_400, '07');
    const report = await renderReport(core, { kind: 'daily', date: '2026-03-10' }, ctx);
    const text = textOf(report.html);
    expect(text).toContain('HILL — — 1 0 1 144.5 kg $2,890.00');
    expect(text).toContain('HILL — — 2 0 2 124.4 l $6,220.00');
    expect(text).not.toContain('268.9');
    // The typed section lists the same three the column counts.
    expect(text.slice(text.indexOf('TYPED WEIGHTS')).match(/S-1 Amina/g)).toHaveLength(3);
  });
});
