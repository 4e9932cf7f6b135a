import {
  amountMinor,
  dayBounds,
  localDateOf,
  newId,
  PLAIN_COLLECTION_FIELDS,
  SupplierPayoutDetailsSchema,
  type PaymentMethod,
  type PaymentType,
} from '../../../../shared';
import type { Core } from '../create-core';
import { writeEntity } from '../domain/entity-writer';
import { newRowBase } from '../domain/row-base';

const FIRST = [
  'Amina',
  'Kiprono',
  'Chebet',
  'Wanjiru',
  'Otieno',
  'Nyambura',
  'Kipkemboi',
  'Jepkoech',
  'Mutua',
  'Akinyi',
  'Kibet',
  'Wairimu',
  'Omondi',
  'Cherono',
  'Njoroge',
  'Atieno',
  'Rotich',
  'Mumbua',
  'Koech',
  'Wambui',
];
const LAST = [
  'Njeri',
  'Langat',
  'Kirui',
  'Kamau',
  'Odhiambo',
  'Mutai',
  'Sang',
  'Korir',
  'Mwangi',
  'Ochieng',
  'Too',
  'Kosgei',
  'Ruto',
  'Wekesa',
  'Maina',
];
const REGIONS = ['Kericho', 'Litein', 'Bomet', 'Sotik', 'Londiani', 'Kapkatet'];

/** A seeded random source: the same demo every time. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface DemoSize {
  suppliers: number;
  days: number;
}

/**
 * Realistic demo data: suppliers around Kericho, tea leaf and milk with rate changes, three months of daily
 * collections and the advances, partial payments and month-end settlements that go with them. Written through
 * the same writer as real work (row + audit + outbox), one transaction per day.
 */
export async function seedDemo(
  core: Core,
  size: DemoSize = { suppliers: 40, days: 90 },
  today = new Date(core.ctx.now()),
): Promise<{ collections: number; payments: number }> {
  const random = seeded(1977);
  const ctx = core.ctx;
  const start = new Date(today.getTime() - size.days * 86_400_000);
  const startDate = localDateOf(start, ctx.orgTimeZone);
  const products = [
    { code: 'TEA', name: 'Green tea leaf', unit: 'kg', rates: [2300, 2450] },
    { code: 'MILK', name: 'Fresh milk', unit: 'l', rates: [4500, 4700] },
  ];
  const productRows: { uuid: string; rates: number[]; half: string }[] = [];
  await ctx.write(async (trx) => {
    for (const p of products) {
      const row = { ...newRowBase(ctx), code: p.code, name: p.name, unit: p.unit, active: true };
      await writeEntity(trx, ctx, { type: 'products', operation: 'create', after: row });
      const half = localDateOf(new Date(start.getTime() + (size.days / 2) * 86_400_000), ctx.orgTimeZone);
      for (const [i, from] of [startDate, half].entries()) {
        const rate = {
          ...newRowBase(ctx),
          product_uuid: row.uuid,
          rate_minor: p.rates[i]!,
          effective_from: from,
          notes: i ? 'Board review' : 'Season opening rate',
        };
        await writeEntity(trx, ctx, { type: 'product_rates', operation: 'create', after: rate });
      }
      productRows.push({ ...row, rates: p.rates, half });
    }
  });
  const suppliers: { uuid: string; product: number }[] = [];
  await ctx.write(async (trx) => {
    for (let i = 0; i < size.suppliers; i++) {
      const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
      const row = {
        ...newRowBase(ctx),
        code: `S-${String(i + 1).padStart(4, '0')}`,
        name,
        phone: `07${String(10_000_000 + Math.floor(random() * 89_999_999))}`,
        address: `Plot ${10 + Math.floor(random() * 400)}`,
        region: REGIONS[i % REGIONS.length]!,
        notes: '',
        active: true,
        ...SupplierPayoutDetailsSchema.parse({}),
        route_uuid: null,
        centre_uuid: null,
      };
      await writeEntity(trx, ctx, { type: 'suppliers', operation: 'create', after: row });
      suppliers.push({ uuid: row.uuid, product: i % 4 === 3 ? 1 : 0 });
    }
  });
  let collections = 0;
  let payments = 0;
  const owed = new Map<string, number>();
  for (let day = 0; day < size.days; day++) {
    // Each day from the org's own midnight: collections in the morning, payments in the afternoon on its clock,
    // whatever time of day the demo is started.
    const localDay = localDateOf(new Date(start.getTime() + day * 86_400_000), ctx.orgTimeZone);
    const date = new Date(dayBounds(localDay, ctx.orgTimeZone).start);
    await ctx.write(async (trx) => {
      for (const s of suppliers) {
        if (random() < 0.25) continue;
        const product = productRows[s.product]!;
        const at = new Date(date.getTime() + (6 * 60 + Math.floor(random() * 240)) * 60_000).toISOString();
        const rate = localDateOf(at, ctx.orgTimeZone) >= product.half ? product.rates[1]! : product.rates[0]!;
        const quantity =
          s.product === 0 ? 8_000 + Math.floor(random() * 30_000) : 5_000 + Math.floor(random() * 20_000);
        const amount = amountMinor(quantity, rate);
        const row = {
          ...newRowBase(ctx),
          supplier_uuid: s.uuid,
          product_uuid: product.uuid,
          collected_at: at,
          quantity_milli: quantity,
          rate_minor: rate,
          amount_minor: amount,
          notes: '',
          ...PLAIN_COLLECTION_FIELDS,
          adjusts_uuid: null,
        };
        await writeEntity(trx, ctx, { type: 'collections', operation: 'create', after: row });
        owed.set(s.uuid, (owed.get(s.uuid) ?? 0) + amount);
        collections++;
      }
      const monthEnd = localDateOf(new Date(date.getTime() + 30 * 3_600_000), ctx.orgTimeZone).endsWith('-01');
      for (const s of suppliers) {
        const due = owed.get(s.uuid) ?? 0;
        let amount = 0;
        let type: PaymentType = 'partial';
        if (monthEnd && due > 0) {
          amount = due;
          type = 'settlement';
        } else if (random() < 0.02 && due > 100_00) {
          amount = Math.floor((due * (0.3 + random() * 0.4)) / 100) * 100;
          type = random() < 0.5 ? 'advance' : 'partial';
        }
        if (amount <= 0) continue;
        const methods: PaymentMethod[] = ['cash', 'mobile', 'bank', 'mobile'];
        const method = methods[Math.floor(random() * methods.length)]!;
        const row = {
          ...newRowBase(ctx),
          supplier_uuid: s.uuid,
          paid_at: new Date(date.getTime() + 15 * 3_600_000).toISOString(),
          amount_minor: amount,
          type,
          method,
          reference: method === 'cash' ? '' : `${method === 'mobile' ? 'MP' : 'BK'}${newId().slice(-8).toUpperCase()}`,
          notes: '',
          voided_at: null,
          void_reason: null,
          adjusts_uuid: null,
        };
        await writeEntity(trx, ctx, { type: 'payments', operation: 'create', after: row });
        owed.set(s.uuid, due - amount);
        payments++;
      }
    });
  }
  return { collections, payments };
}
