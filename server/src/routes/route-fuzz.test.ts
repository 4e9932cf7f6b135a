import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, ROUTES, type Route } from '../../../shared';
import { ruleArb } from '../../../shared/pricing/arbitraries';
import { op, push, seedReference, startHarness, type Desk, type Harness } from '../../test/harness';

/**
 * Every route of the route table under hostile bodies, params and queries (issue 13/16/18 hardening): no input
 * makes a 5xx, every validation refusal names a field, and a refused request changes nothing. Pushes carry
 * hostile ops of the pricing and pay-run types too. Seeded with a fixed number of runs, so it is deterministic.
 */

// ---- hostile values -------------------------------------------------------------------------------------------

/**
 * Deep JSON travels as a placeholder that `wire` swaps for the text: fast-check and JSON.stringify walk values
 * recursively, and 10,000 levels would overflow them before the server ever saw the body.
 */
const DEEP = {
  '<deep-object>': `${'{"d":'.repeat(10_000)}"bottom"${'}'.repeat(10_000)}`,
  '<deep-array>': `${'['.repeat(10_000)}"bottom"${']'.repeat(10_000)}`,
};

/** The request body as sent: JSON with the deep placeholders put in. */
function wire(body: unknown): string {
  return JSON.stringify(body === undefined ? null : body).replace(
    /(?<!\\)"<deep-(object|array)>"/g,
    (_, kind: string) => (kind === 'object' ? DEEP['<deep-object>'] : DEEP['<deep-array>']),
  );
}

const MEGABYTE = 'x'.repeat(1024 * 1024);
const nanIsh = fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x1F', ' 12 ', '١٢٣', '1_000', '');
const badNumbers = fc.constantFrom(
  -1,
  -0,
  0.5,
  2 ** 53,
  2 ** 63,
  -(2 ** 63),
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
);
const oddUnicode = fc.constantFrom(
  'a\u0000b',
  '\uD800',
  'x\uDC00',
  '\u202Eevil',
  'e\u0301',
  '👨‍👩‍👧',
  '\uFEFF',
  '\uFFFF',
  '𝟘'.repeat(5000),
  'ß'.repeat(300),
);
const wrongTypes = fc.constantFrom<unknown>(null, true, false, [], {}, [[]], { a: 1 }, [1, 'two', null]);

/** One hostile value: deep JSON, huge arrays, NaN-ish strings, bad integers, 1 MB strings, odd unicode, wrong types. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  nanIsh,
  badNumbers,
  oddUnicode,
  wrongTypes,
  fc.constantFrom<unknown>('<deep-object>', '<deep-array>', { a: { b: { c: { d: { e: { f: 'g' } } } } } }),
  fc.constantFrom<unknown>(new Array(100_000).fill(0), new Array(5_000).fill({ a: 'b' })),
  fc.constant(MEGABYTE),
  fc.string({ maxLength: 30 }),
  fc.anything({ maxDepth: 2 }),
);

/** Valid-looking pricing terms broken in the ways a hostile desk would: shapes, bands, numbers, depth, size. */
const hostileTerms: fc.Arbitrary<unknown> = fc.oneof(
  // Plain valid terms, so rules are written and later ops meet them.
  fc.constant(JSON.stringify({ rate: { by: 'base', base_rate_minor: 2300 }, tares: [], overrides: [] })),
  // A valid rule's terms (so some pass), with one part replaced by something hostile.
  fc
    .tuple(ruleArb, fc.constantFrom('rate', 'tares', 'overrides', 'none'), hostile)
    .map(([{ rate, tares, overrides }, part, bad]) =>
      JSON.stringify({ rate, tares, overrides, ...(part === 'none' ? {} : { [part]: bad }) }),
    ),
  // Overlapping bands; a rate table of the wrong shape; rates past the safe range or negative.
  fc.constantFrom(
    chart([
      { min: 0, max: 500 },
      { min: 400, max: 900 },
    ]),
    chart([{ min: 0, max: 500 }], [[1, 2, 3], [4]]),
    chart([{ min: 0, max: 500 }], [[2 ** 60]]),
    chart([{ min: 0, max: 500 }], [[-5]]),
    chart([{ min: 0, max: 500 }], 'NaN'),
    chart([{ min: 500, max: 0 }]),
    chart(new Array(200).fill({ min: 0, max: 0 })),
  ),
  // JSON text nested deep, too long, not JSON, or JSON of the wrong type.
  fc.constantFrom(
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    `{"rate":${'{"by":'.repeat(3000)}1${'}'.repeat(3000)}}`,
    JSON.stringify({ rate: { by: 'base', base_rate_minor: 1 }, tares: [], overrides: [] }).padEnd(20_000),
    '{not json',
    'NaN',
    'null',
    '[]',
  ),
  hostile,
);

function chart(bands: unknown[], rates: unknown = bands.map(() => [100])): string {
  return JSON.stringify({
    rate: {
      by: 'chart',
      axes: [{ reading: { key: 'fat', label: 'Fat %', scale: 2, min: 0, max: 1000 }, bands }],
      rates,
    },
    tares: [],
    overrides: [],
  });
}

/** A base record with some of its fields (or an unknown one) replaced by hostile values. */
function mutated(base: Record<string, unknown>, extraKeys: string[] = []): fc.Arbitrary<Record<string, unknown>> {
  const keys = [...Object.keys(base), ...extraKeys, 'unknown_field'];
  // Untouched now and then, so that valid requests succeed and later ones meet real records.
  return fc
    .oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 3, arbitrary: fc.array(fc.tuple(fc.constantFrom(...keys), hostile), { minLength: 1, maxLength: 3 }) },
    )
    .map((changes) => ({ ...base, ...Object.fromEntries(changes) }));
}

// ---- the test -------------------------------------------------------------------------------------------------

describe('every route under hostile input', () => {
  let h: Harness;
  let clerk: Desk;
  let supervisor: Desk;
  let refs: Awaited<ReturnType<typeof seedReference>>;
  let conflictId: string;
  let runId: string;

  beforeAll(async () => {
    h = await startHarness({ orgTimeZone: 'Africa/Nairobi' });
    refs = await seedReference(h);
    clerk = await h.desk('clerk');
    supervisor = await h.desk('supervisor');
    // An open conflict and a draft run, so resolve and the run routes meet real records too.
    const c = {
      uuid: newId(),
      supplier_uuid: refs.supplier.uuid,
      product_uuid: refs.product.uuid,
      collected_at: '2026-11-10T07:45:00Z',
      quantity_milli: 12_500,
    };
    await push(h, clerk, [op('collections', 'create', c)]);
    const res = await push(h, clerk, [op('collections', 'update', { uuid: c.uuid, notes: 'wet' })]);
    conflictId = res.body.results.conflicts[0].conflict_id;
    const run = await h.app.inject({
      method: 'POST',
      url: '/api/v1/settlements',
      headers: supervisor.auth,
      payload: { period_from: '2026-11-01', period_to: '2026-11-30' },
    });
    expect(run.statusCode, run.body).toBe(200);
    runId = run.json().run.uuid;
  });
  afterAll(async () => h?.close());

  /** A checksum of every table of the database: a refused request writes none of them. */
  async function snapshot(): Promise<string> {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = database()`.execute(h.test.db);
    const tables = rows.map((r) => r.name);
    const sums = await sql<{
      Table: string;
      Checksum: string;
    }>`checksum table ${sql.join(tables.map((t) => sql.id(t)))}`.execute(h.test.db);
    return JSON.stringify(sums.rows.map((r) => [r.Table.split('.').pop(), String(r.Checksum)]));
  }

  /** A sensible body for each route (from which hostile ones are mutated). */
  const baseBody = (): Record<keyof typeof ROUTES, Record<string, unknown>> => ({
    login: { email: 'clerk@example.com', password: 'wrong password', device_id: newId(), device_name: 'desk' },
    refresh: { refresh_token: 'x'.repeat(40), device_id: clerk.deviceId },
    logout: { refresh_token: 'x'.repeat(40), device_id: clerk.deviceId },
    push: { device_id: clerk.deviceId, batch: [] },
    pull: {
      device_id: clerk.deviceId,
      cursor: '0',
      entity_types: ['suppliers'],
      limit: 1000,
      skip_seqs: [{ from: 1, to: 2 }],
      catch_up: true,
    },
    conflicts: { status: 'open' },
    resolveConflict: { data: { notes: 'checked' }, base_version: 1, note: 'ok' },
    reopenConflict: {},
    conflictStatuses: { ids: [conflictId] },
    health: {},
    settlementRuns: {},
    createSettlementRun: { period_from: '2026-10-01', period_to: '2026-10-31', kind: 'regular' },
    settlementRun: {},
    recomputeSettlementRun: {},
    approveSettlementRun: {},
    recordPayoutResults: { results: [{ reference: 'X-1', status: 'paid', provider_reference: 'P1' }] },
  });

  /** A path segment as a hostile client sends it (already percent-encoded, invalid UTF-8 included). */
  const idParam = () =>
    fc.oneof(
      fc.constantFrom(conflictId, runId, newId()),
      fc.constantFrom('not-a-uuid', '..%2F..%2Fetc', '%00', 'a%00b', '%ED%A0%80', '%FF', '%', 'x'.repeat(5000)),
    );

  /** Answers must keep the protocol: below 500, a known code, and a validation refusal names its field. */
  function expectProtocolAnswer(res: { statusCode: number; body: string }, what: string) {
    expect(res.statusCode, `${what} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (res.statusCode < 400) return;
    const error = JSON.parse(res.body).error;
    expect(error.code, what).toMatch(/^[A-Z_]+$/);
    if (error.code === 'VALIDATION_FAILED') {
      expect(Object.keys(error.fields ?? {}).length, `${what} → ${res.body.slice(0, 300)}`).toBeGreaterThan(0);
    }
  }

  it('answers every route of the table with a protocol status, naming the field, changing nothing on refusal', async () => {
    const names = Object.keys(ROUTES) as (keyof typeof ROUTES)[];
    const bases = baseBody();
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names).chain((name) =>
          fc.record({
            name: fc.constant(name),
            body: fc.oneof({ weight: 4, arbitrary: mutated(bases[name]) }, { weight: 1, arbitrary: hostile }),
            id: idParam(),
            asSupervisor: fc.boolean(),
          }),
        ),
        async ({ name, body, id, asSupervisor }) => {
          const route: Route = ROUTES[name];
          seen.add(name);
          const desk = asSupervisor ? supervisor : clerk;
          const url = route.path.replace(':id', id);
          const before = await snapshot();
          const res = await h.app.inject({
            method: route.method,
            url,
            headers: { ...desk.auth, 'content-type': 'application/json' },
            ...(route.method === 'GET' ? { query: queryOf(body) } : { payload: wire(body) }),
          });
          const what = `${route.method} ${route.path}`;
          expectProtocolAnswer(res, what);
          if (res.statusCode >= 400) expect(await snapshot(), `${what} refused but changed data`).toBe(before);
        },
      ),
      {
        numRuns: 400,
        seed: 20261129,
        // Found by longer runs with other seeds, kept so they stay fixed.
        examples: [[{ name: 'recordPayoutResults', body: bases.recordPayoutResults, id: runId, asSupervisor: true }]],
      },
    );
    // Each route of the table was tried (a route added later is fuzzed without a change here).
    expect([...seen].sort()).toEqual([...names].sort());
  }, 600_000);

  it('answers hostile pushes of pricing, route, centre, charge and credit ops per op, naming the field', async () => {
    const r = refs;
    const bases: Record<string, Record<string, unknown>> = {
      routes: { code: 'R-1', name: 'North' },
      centres: { code: 'C-1', name: 'Kapsoit' },
      charges: {
        code: 'MGT',
        name: 'Fee',
        kind: 'percent',
        value: 1500,
        product_uuid: null,
        active_from: '2026-01-01',
        active_to: null,
      },
      supplier_credits: {
        supplier_uuid: r.supplier.uuid,
        kind: 'loan',
        description: 'Fees',
        principal_minor: 100_000,
        instalment_minor: 30_000,
        issued_on: '2026-10-20',
      },
      pricing_rules: { product_uuid: r.product.uuid, effective_from: '2026-02-01', terms: '{}' },
    };
    const opArb = fc.constantFrom(...Object.keys(bases)).chain((type) =>
      fc
        .record({
          data: mutated(bases[type]!),
          terms: hostileTerms,
          operation: fc.constantFrom('create', 'create', 'update', 'delete'),
          fresh: fc.boolean(),
          day: fc.integer({ min: 0, max: 2000 }),
        })
        .map(({ data, terms, operation, fresh, day }) => ({
          op_id: newId(),
          entity_type: type,
          operation,
          data: {
            uuid: fresh ? newId() : (known.get(type) ?? newId()),
            ...data,
            // Codes and rule dates are unique: vary the ones the mutation left alone, so creates can succeed.
            ...('code' in bases[type]! && data.code === bases[type]!.code
              ? { code: `${String(data.code)}-${day}` }
              : {}),
            ...('effective_from' in bases[type]! && data.effective_from === bases[type]!.effective_from
              ? { effective_from: new Date(Date.UTC(2026, 1, 1 + day)).toISOString().slice(0, 10) }
              : {}),
            ...(type === 'pricing_rules' && !('terms' in data && data.terms !== '{}') ? { terms } : {}),
            ...(operation === 'update' ? { version: 1 } : {}),
          },
        })),
    );
    const known = new Map<string, string>();
    const tally = { success: 0, errors: 0 };
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 4 }), async (batch) => {
        const before = await entityVersions();
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/v1/sync/push',
          headers: { ...supervisor.auth, 'content-type': 'application/json' },
          payload: wire({ device_id: supervisor.deviceId, batch }),
        });
        expectProtocolAnswer(res, 'push');
        if (res.statusCode !== 200) {
          expect(await entityVersions()).toEqual(before);
          return;
        }
        const { success, conflicts, errors } = res.json().results as Record<
          string,
          { entity_type: string; uuid?: string; status?: number; fields?: object }[]
        >;
        expect(success!.length + conflicts!.length + errors!.length).toBe(batch.length);
        for (const e of errors!) {
          if (e.status === 422) expect(Object.keys(e.fields ?? {}).length, JSON.stringify(e)).toBeGreaterThan(0);
        }
        // Only rows an op reported applied (or disputed) changed.
        const after = await entityVersions();
        const touched = new Set([...success!, ...conflicts!].map((s) => `${s.entity_type}:${s.uuid}`));
        const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
        for (const k of changed) expect(touched, `${k} changed without being reported`).toContain(k);
        for (const s of success!) known.set(s.entity_type, s.uuid!);
        for (const item of [...success!.map((s) => ['ok', s] as const), ...errors!.map((e) => ['refused', e] as const)])
          reached.add(`${item[1].entity_type} ${item[0]}`);
        tally.success += success!.length;
        tally.errors += errors!.length;
      }),
      { numRuns: 200, seed: 1813 },
    );
    // The generator reaches both outcomes, or the property proves little.
    expect(tally.success).toBeGreaterThan(10);
    expect(tally.errors).toBeGreaterThan(50);
    for (const type of Object.keys(bases))
      expect([...reached]).toEqual(expect.arrayContaining([`${type} ok`, `${type} refused`]));
  }, 600_000);

  async function entityVersions(): Promise<Map<string, string>> {
    const types = ['routes', 'centres', 'charges', 'supplier_credits', 'pricing_rules', 'suppliers', 'products'];
    const map = new Map<string, string>();
    for (const t of types) {
      const { rows } = await sql<{ uuid: string; version: number; deleted_at: unknown }>`
        select uuid, version, deleted_at from ${sql.id(t)}`.execute(h.test.db);
      for (const row of rows) map.set(`${t}:${row.uuid}`, `${row.version}:${String(row.deleted_at)}`);
    }
    return map;
  }
});

/** A GET's query from a hostile body: each key's value as text (a query string carries nothing else). */
function queryOf(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { q: String(body).slice(0, 2000) };
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'string' ? v.slice(0, 2000) : JSON.stringify(v ?? null).slice(0, 2000),
    ]),
  );
}
