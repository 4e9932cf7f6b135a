import { createConnection, type Connection } from 'mysql2/promise';
import { amountMinor, dayBounds, newId } from '../../shared';
import { toMysqlDateTime } from '../src/db/time';

/** Synced columns in the order `syncedValues` fills them. */
const SYNCED =
  'uuid, version, created_at, updated_at, deleted_at, created_by, updated_by, seq, field_versions, last_hlc';

export interface PayPeriodShape {
  suppliers: number;
  /** Calendar days from `from`, one collection per supplier per product per day. */
  days: number;
  from: string;
  orgTimeZone: string;
  /** Routes suppliers are spread over. */
  routes?: string[];
  /** Every n-th supplier also delivers milk each day (default 3). */
  milkEvery?: number;
  /** Every n-th supplier also takes an advance, a part payment, a voided payment and a settlement payment. */
  paymentsEvery?: number;
}

export interface SeededPayPeriod {
  suppliers: string[];
  products: { tea: string; milk: string };
  collections: number;
}

/** A deterministic pseudo-random stream (tests and benchmarks must see the same data every run). */
function lcg(seed: number) {
  let s = seed;
  return (max: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % max;
  };
}

async function insertChunks(conn: Connection, table: string, columns: string, rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += 5000)
    await conn.query(`insert into ${table} (${columns}) values ?`, [rows.slice(i, i + 5000)]);
}

/**
 * Suppliers, two products and a period of collections and payments written straight into MySQL in bulk
 * (through the push path this would take minutes at benchmark size). Tea's rate changes mid-period.
 */
export async function seedPayPeriod(url: string, shape: PayPeriodShape): Promise<SeededPayPeriod> {
  const conn = await createConnection({ uri: url, timezone: 'Z' });
  const random = lcg(42);
  let seq = 1_000_000;
  const now = toMysqlDateTime(new Date());
  const synced = (uuid: string, deleted: string | null = null) => [
    uuid,
    1,
    now,
    now,
    deleted,
    'u',
    'u',
    seq++,
    '{}',
    null,
  ];
  try {
    const tea = newId();
    const milk = newId();
    await insertChunks(conn, 'products', `${SYNCED}, code, name, unit, active`, [
      [...synced(tea), 'TEA', 'Green tea leaf', 'kg', 1],
      [...synced(milk), 'MILK', 'Fresh milk', 'l', 1],
    ]);
    const routes = shape.routes ?? ['Route A', 'Route B', 'Route C'];
    const suppliers = Array.from({ length: shape.suppliers }, () => newId());
    await insertChunks(
      conn,
      'suppliers',
      `${SYNCED}, code, name, phone, address, region, notes, active`,
      suppliers.map((uuid, i) => [
        ...synced(uuid),
        `S-${String(i + 1).padStart(6, '0')}`,
        `Supplier ${i + 1}`,
        '',
        '',
        routes[i % routes.length],
        '',
        1,
      ]),
    );
    const dayStart = (offset: number) => {
      const d = new Date(`${shape.from}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + offset);
      return Date.parse(dayBounds(d.toISOString().slice(0, 10), shape.orgTimeZone).start);
    };
    let collections = 0;
    for (let day = 0; day < shape.days; day++) {
      const start = dayStart(day);
      const teaRate = day < shape.days / 2 ? 3275 : 3400;
      const rows: unknown[][] = [];
      suppliers.forEach((supplier, i) => {
        // Tea for everyone; milk for every n-th supplier. Times spread over the day, edges included.
        const at = start + (i === 0 ? 0 : i === 1 ? 86_399_999 : random(86_400_000));
        const products: [string, number][] =
          i % (shape.milkEvery ?? 3) === 0
            ? [
                [tea, teaRate],
                [milk, 4550],
              ]
            : [[tea, teaRate]];
        for (const [product, rate] of products) {
          const quantity = 1_000 + random(60_000);
          rows.push([
            ...synced(newId(), i % 97 === 5 && day === 0 ? now : null),
            supplier,
            product,
            toMysqlDateTime(new Date(at)),
            quantity,
            rate,
            amountMinor(quantity, rate),
            '',
          ]);
        }
      });
      collections += rows.length;
      await insertChunks(
        conn,
        'collections',
        `${SYNCED}, supplier_uuid, product_uuid, collected_at, quantity_milli, rate_minor, amount_minor, notes`,
        rows,
      );
    }
    const every = shape.paymentsEvery ?? 4;
    const payments: unknown[][] = [];
    suppliers.forEach((supplier, i) => {
      if (i % every !== 0) return;
      const at = (d: number) => toMysqlDateTime(new Date(dayStart(d) + 3_600_000));
      const pay = (d: number, amount: number, type: string, voided = false) => [
        ...synced(newId()),
        supplier,
        at(d),
        amount,
        type,
        'cash',
        '',
        '',
        voided ? now : null,
        voided ? 'Entered twice' : null,
      ];
      payments.push(
        pay(1, 50_000 + random(200_000), 'advance'),
        pay(Math.min(3, shape.days - 1), 10_000 + random(900_000), 'partial'),
      );
      payments.push(pay(2, 77_700, 'partial', true), pay(2, 88_800, 'settlement'), pay(-1, 99_900, 'advance'));
    });
    await insertChunks(
      conn,
      'payments',
      `${SYNCED}, supplier_uuid, paid_at, amount_minor, type, method, reference, notes, voided_at, void_reason`,
      payments,
    );
    return { suppliers, products: { tea, milk }, collections };
  } finally {
    await conn.end();
  }
}
