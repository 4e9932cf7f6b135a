import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  DEFAULT_DATE_WINDOW,
  ENTITY_TYPES,
  entity,
  fieldErrorsOf,
  formatHlc,
  kindOfField,
  newId,
  outsideDateWindow,
  parseHlc,
  PushOpSchema,
  shapeOfEntity,
  type DateWindow,
  type PushOp,
} from '../../../../shared';
import { invalid, refused, type FieldProblems, type OpOutcome, type Refusal } from './env';
import { parseOps, type Parsed } from './envelope';
import { guardOp } from './guard';
import { hashOp } from './op-hash';
import { dataSchemaOf, parseData, valuesOf, type ParsedData } from './validation';
import { supplierCreateOp } from '../../../test/supplier-op';

/**
 * parseOps against the code it replaced, kept here as it was: the envelope and the data parsed by zod's runtime
 * parser, the guard's every check, `{ ...data, ...valuesOf(...) }` and a hash of sort-then-stringify by
 * createHash. On many batches, mostly valid and often hostile, both must answer exactly the same: the same ops
 * with the same keys in the same order, the same checked data or refusal (fields, messages), the same hashes.
 */

// ---------------------------------------------------------------- the old code (server/src/sync/op/*.ts at f6e8cab)

const MAX_DATA_DEPTH = 16;
const UPDATE_KEYS = new Set(['uuid', 'version', 'updated_at']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ALTERED = 'contains a character the database cannot store as sent (NUL or a lone surrogate)';
const isAltered = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

function alteredStringPath(value: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (isAltered(v)) return path;
    } else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (isAltered(k)) return at;
        stack.push({ v: inner, path: at });
      }
    }
  }
  return null;
}
const hasAlteredString = (value: unknown) => alteredStringPath(value) !== null;

function depthOf(value: unknown): number {
  let max = 0;
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth + 1 > max) max = depth + 1;
    if (max > MAX_DATA_DEPTH) return max;
    for (const inner of Object.values(v)) stack.push({ v: inner, depth: depth + 1 });
  }
  return max;
}

function oldGuardOp(op: PushOp, window: DateWindow): Refusal | null {
  if (depthOf(op.data) > MAX_DATA_DEPTH) {
    return invalid(
      { data: `is nested too deeply (at most ${MAX_DATA_DEPTH} levels)` },
      'data is nested too deeply; nothing was applied',
    );
  }
  const problems: FieldProblems = {};
  const note = (field: string, problem: string) => (problems[field] ??= problem);
  for (const [key, value] of Object.entries(op.data)) if (hasAlteredString(value)) note(key, ALTERED);
  if (op.client_timestamp !== undefined && hasAlteredString(op.client_timestamp)) note('client_timestamp', ALTERED);
  if (op.changed_fields?.some(hasAlteredString)) note('changed_fields', ALTERED);

  const spec = entity(op.entity_type);
  const shape = shapeOfEntity(op.entity_type);
  const columns = new Set(shape.columns);
  for (const key of Object.keys(op.data)) if (!columns.has(key)) note(key, `is not a field of a ${spec.label.one}`);
  if (op.operation === 'update' && op.changed_fields) {
    const named = new Set(op.changed_fields);
    for (const key of Object.keys(op.data)) {
      if (columns.has(key) && !named.has(key) && !UPDATE_KEYS.has(key)) note(key, 'is not named in changed_fields');
    }
  }

  const dated = new Set([...shape.instants, ...shape.fields.filter((f) => kindOfField(op.entity_type, f) === 'date')]);
  for (const [key, value] of Object.entries(op.data)) {
    if (!dated.has(key) || typeof value !== 'string') continue;
    const outside = oldOutsideDateWindow(value, window);
    if (outside) note(key, outside);
  }
  const stamp = op.client_timestamp ? parseHlc(op.client_timestamp) : null;
  if (stamp && oldOutsideDateWindow(new Date(stamp.wallMs).toISOString(), window)) {
    note('client_timestamp', `must be a time between ${window.from} and ${window.to}`);
  }
  return Object.keys(problems).length ? invalid(problems) : null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
const startOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
function oldOutsideDateWindow(value: string, window: DateWindow = DEFAULT_DATE_WINDOW): string | null {
  const ms = isIsoDate(value) ? startOf(value) : Date.parse(value);
  if (Number.isNaN(ms) || ms < startOf(window.from) || ms >= startOf(window.to))
    return `must fall between ${window.from} and ${window.to} (exclusive)`;
  return null;
}

function oldSortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(oldSortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, oldSortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function oldHashOp(op: PushOp, data: Record<string, unknown> = op.data): string {
  const canonical = JSON.stringify([
    op.entity_type,
    op.operation,
    oldSortKeys(data),
    op.changed_fields ?? null,
    op.client_timestamp ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function oldParseData(op: PushOp): ParsedData {
  const parsed = dataSchemaOf(op).safeParse(op.data);
  if (parsed.success) return { ok: true, data: parsed.data as Extract<ParsedData, { ok: true }>['data'] };
  const fields = fieldErrorsOf(parsed.error, op.data);
  const message =
    op.operation === 'delete' ? 'Invalid delete' : `Invalid ${op.entity_type} data: ${Object.keys(fields).join(', ')}`;
  return { ok: false, refusal: invalid(fields, message) };
}

function oldNormalised(op: PushOp, parsed: ParsedData): Record<string, unknown> {
  if (!parsed.ok) return op.data;
  return { ...parsed.data, ...valuesOf(op.entity_type, parsed.data, Object.keys(parsed.data)) };
}

function oldParseOps(batch: unknown[], window: DateWindow = DEFAULT_DATE_WINDOW): Parsed[] {
  return batch.map((raw, index) => {
    const parsed = PushOpSchema.safeParse(raw);
    if (parsed.success) {
      const op = parsed.data;
      const refusal = oldGuardOp(op, window);
      if (refusal) return { index, error: refused(op, refusal) };
      const data = oldParseData(op);
      return { index, op, data, hash: oldHashOp(op, oldNormalised(op, data)), legacyHash: () => oldHashOp(op) };
    }
    const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const data = (r.data && typeof r.data === 'object' ? r.data : {}) as Record<string, unknown>;
    const fields = fieldErrorsOf(parsed.error, raw);
    const error: OpOutcome = {
      kind: 'error',
      item: {
        ...(typeof r.op_id === 'string' ? { op_id: r.op_id } : {}),
        ...(typeof r.entity_type === 'string' ? { entity_type: r.entity_type } : {}),
        ...(typeof data.uuid === 'string' ? { uuid: data.uuid } : {}),
        status: 422,
        code: 'VALIDATION_FAILED',
        message: `Invalid op: ${Object.entries(fields)
          .map(([f, m]) => `${f} ${m}`)
          .join('; ')}`,
        fields,
      },
    };
    return { index, error };
  });
}

// ---------------------------------------------------------------- comparing answers exactly

/** A value with every object's own keys in order (and its prototype named), so key order counts as a difference. */
function exact(value: unknown): unknown {
  if (typeof value === 'function') return { fn: exact((value as () => unknown)()) };
  if (typeof value === 'number' && Object.is(value, -0)) return { minusZero: true };
  if (typeof value === 'undefined') return { undefined: true };
  if (Array.isArray(value)) return { array: value.map(exact), keys: Object.keys(value) };
  if (value && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as object | null;
    return {
      proto: proto === null ? null : proto === Object.prototype ? 'Object' : String(proto.constructor?.name),
      entries: Reflect.ownKeys(value).map((k) => [String(k), exact((value as Record<PropertyKey, unknown>)[k])]),
    };
  }
  return value;
}

const outcome = (run: () => unknown) => {
  try {
    return { value: exact(run()) };
  } catch (error) {
    return { threw: String(error) };
  }
};

// ---------------------------------------------------------------- inputs

const NOW = Date.parse('2026-11-20T07:45:03.120Z');
const user = newId();

/** Values a field of some type accepts (each field keeps those its schema takes), and values none should. */
const usual: unknown[] = [
  'S-1',
  'A.b/c_d-9',
  'Kericho',
  'Supplier 7',
  '',
  '  padded  ',
  'kg',
  'litre',
  '0712 345 678',
  '+254712345678',
  '+254 712-345-678',
  'KE12 3456 7890',
  'kcb-001',
  'KCBLKENX',
  '[]',
  '{}',
  '[{"code":"C1","count":2}]',
  '{"fat":375}',
  'ok',
  'a reason to void',
  'x'.repeat(33),
  'x'.repeat(121),
  0,
  1,
  5,
  100,
  1000,
  250_000,
  -5,
  true,
  false,
  null,
  newId(),
  newId(),
  '2026-11-20T07:45:00Z',
  '2026-11-20T07:45:00.123Z',
  '2026-11-20T10:45:00+03:00',
  '2026-11-20',
  '2026-01-01',
];

/** Values some field refuses or the guard doubts: edges of types, lengths, patterns, dates, strings, nesting. */
const hostile: unknown[] = [
  undefined,
  -0,
  0.5,
  Number.MAX_SAFE_INTEGER,
  2 ** 53,
  1e308,
  NaN,
  Infinity,
  '1',
  ' ',
  '\t',
  'a\u0000b',
  'lone \uD800 surrogate',
  'lone \uDC00 low',
  'pair 😀 ok',
  '😀'.repeat(3),
  'é'.normalize('NFD'),
  newId().toUpperCase(),
  `${newId()} `,
  'not-a-uuid',
  '1999-12-31T23:59:59Z',
  '2100-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-02-30',
  '2026-11-20 07:45:03',
  '9999-12-31T23:00:00-05:00',
  '0000-01-01',
  '1999-12-31',
  'cash',
  'bank',
  'mobile',
  'morning',
  'none',
  'advance',
  'Cash',
  [],
  ['a'],
  {},
  { nested: { deeper: 'x\u0000' } },
  { a: 1 },
  JSON.parse('{"__proto__": {"x": 1}}') as unknown,
  Array.from({ length: 20 }).reduce<unknown>((inner) => ({ inner }), 'deep'),
  new Date(NOW),
];

const window2020: DateWindow = { from: '2020-01-01', to: '2030-01-01' };

function enumValues(schema: z.ZodType): unknown[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'enum') return Object.values(def.entries as Record<string, unknown>);
  for (const inner of ['innerType', 'in', 'out']) if (def[inner]) return enumValues(def[inner] as z.ZodType);
  return [];
}

/** For each type, each column and the values its row schema accepts among the usual and its enum values. */
const COLUMNS = Object.fromEntries(
  ENTITY_TYPES.map((type) => {
    const shape = entity(type).rowSchema.shape as Record<string, z.ZodType>;
    return [
      type,
      Object.entries(shape).map(([column, schema]) => {
        const valid = [...usual, ...enumValues(schema)].filter((v) => schema.safeParse(v).success);
        return { column, valid: valid.length ? valid : usual };
      }),
    ];
  }),
) as Record<string, { column: string; valid: unknown[] }[]>;

const anyValue = (valid: unknown[]) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...usual) },
    { weight: 1, arbitrary: fc.constantFrom(...hostile) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );

/**
 * Mostly a whole row of the type (as a desk sends one), sometimes a few columns; a clean row takes only values
 * its columns accept, the others any value and sometimes a stray key.
 */
const dataFor = (type: string, clean: boolean) =>
  fc
    .tuple(
      fc.constantFrom('whole', 'whole', 'whole', 'some'),
      fc.tuple(
        ...COLUMNS[type]!.map(({ valid }) => fc.tuple(fc.nat(9), clean ? fc.constantFrom(...valid) : anyValue(valid))),
      ),
      clean
        ? fc.constant(null)
        : fc.option(
            fc.constantFrom(
              'stray',
              '__proto__',
              'constructor',
              'toString',
              '1',
              'a\u0000',
              'notes ',
              'seq',
              'field_versions',
            ),
            { freq: 3 },
          ),
      fc.constantFrom(...hostile, ...usual),
    )
    .map(([mode, columns, stray, strayValue]) => {
      const data: Record<string, unknown> = {};
      COLUMNS[type]!.forEach(({ column }, i) => {
        const [dice, value] = columns[i]!;
        if (mode === 'whole' ? dice > 0 : dice > 6) data[column] = value;
      });
      if (stray === '__proto__')
        Object.defineProperty(data, '__proto__', {
          value: strayValue,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else if (stray !== null) data[stray] = strayValue;
      return data;
    });

const stampArb = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .integer({ min: -5_000, max: 5_000 })
      .map((d) => formatHlc({ wallMs: NOW + d, counter: 3, node: 'desk1' })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      formatHlc({ wallMs: Date.parse('1999-12-31T23:59:59.999Z'), counter: 0, node: 'd' }),
      formatHlc({ wallMs: Date.parse('2100-01-01T00:00:00.000Z'), counter: 0, node: 'd' }),
      formatHlc({ wallMs: Date.parse('2031-06-01T00:00:00.000Z'), counter: 0, node: 'd' }),
      '2026-02-30T07:45:03.120Z-0003-node',
      '2026-11-20T07:45:03.120Z-0003-no\u0000de',
      '2026-11-20T07:45:03.120Z-0003-\uD800',
      '2026-11-20T07:45:03Z-0003-node',
      '',
      'x'.repeat(121),
      'yesterday',
    ),
  },
);

const opFor = (type: string) => fc.boolean().chain((clean) => opOf(type, clean));

const opOf = (type: string, clean: boolean) =>
  fc
    .record(
      {
        op_id: fc.oneof(
          { weight: 10, arbitrary: fc.constant(null).map(() => newId()) },
          { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', 7, newId().toUpperCase()) },
        ),
        entity_type: fc.oneof(
          { weight: 20, arbitrary: fc.constant(type) },
          { weight: 1, arbitrary: fc.constantFrom('widgets', 3) },
        ),
        operation: fc.oneof(
          { weight: 20, arbitrary: fc.constantFrom('create', 'create', 'update', 'delete') },
          { weight: 1, arbitrary: fc.constantFrom('upsert', null) },
        ),
        data: fc.oneof(
          { weight: 30, arbitrary: dataFor(type, clean) },
          { weight: 1, arbitrary: fc.constantFrom(null, [], 'row', 3) },
        ),
        changed_fields: fc.oneof(
          fc.constant('from-data' as const),
          fc.array(fc.constantFrom(...COLUMNS[type]!.map((c) => c.column), 'stray', 'a\u0000'), { maxLength: 5 }),
          fc.constantFrom(
            'name',
            Array.from({ length: 65 }, () => 'name'),
            [1],
          ),
        ),
        client_timestamp: stampArb,
        extra: fc.constantFrom('seq', 'user', 'entity_uuid'),
      },
      { requiredKeys: ['entity_type', 'operation', 'data'] },
    )
    .map((op) => {
      const out: Record<string, unknown> = { ...op };
      delete out.extra;
      if (op.extra !== undefined) out[op.extra] = 1;
      if (op.changed_fields === 'from-data') {
        const data = op.data as Record<string, unknown> | null;
        out.changed_fields =
          data && typeof data === 'object' && !Array.isArray(data)
            ? Object.keys(data).filter((k) => !['uuid', 'version', 'updated_at'].includes(k))
            : [];
      }
      return out;
    });

const opArb = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom(...ENTITY_TYPES).chain(opFor) },
  { weight: 1, arbitrary: fc.constantFrom(null, 'op', [], 5, { entity_type: 'suppliers' }) },
);

const supplierCreate = (i: number) => supplierCreateOp(i, user);

// ---------------------------------------------------------------- the properties

describe('parseOps answers exactly as the code it replaced', () => {
  it('for a desk pushing new suppliers', () => {
    const batch = Array.from({ length: 100 }, (_, i) => supplierCreate(i));
    expect(outcome(() => parseOps(batch))).toEqual(outcome(() => oldParseOps(batch)));
    expect(parseOps(batch).every((p) => 'data' in p && p.data.ok)).toBe(true);
  });

  it('for batches of every type, mostly valid and often hostile, under two date windows', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (batch, other) => {
        // parseOps takes the body as JSON gives it; a copy through JSON keeps each side's input its own.
        const body = JSON.parse(JSON.stringify(batch)) as unknown[];
        const again = JSON.parse(JSON.stringify(batch)) as unknown[];
        const window = other ? window2020 : DEFAULT_DATE_WINDOW;
        const fresh = outcome(() => parseOps(body, window));
        expect(fresh).toEqual(outcome(() => oldParseOps(again, window)));
        for (const p of parseOps(body, window)) {
          if ('data' in p && p.data.ok) accepted++;
          else refused++;
        }
      }),
      { numRuns: 1000, seed: 20261129 },
    );
    // Both paths were taken, many times each.
    expect(accepted).toBeGreaterThan(800);
    expect(refused).toBeGreaterThan(800);
  });

  it('for inputs JSON cannot carry (undefined, -0, NaN, a Date, an own __proto__)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 6 }), (batch) => {
        // The same objects to both (nothing here mutates its input).
        expect(outcome(() => parseOps(batch))).toEqual(outcome(() => oldParseOps(batch)));
      }),
      { numRuns: 800, seed: 11 },
    );
  });
});

describe('each replaced step answers as the old one', () => {
  const ops = fc.sample(fc.constantFrom(...ENTITY_TYPES).chain(opFor), { numRuns: 3000, seed: 5 }).flatMap((raw) => {
    const parsed = PushOpSchema.safeParse(JSON.parse(JSON.stringify(raw)));
    return parsed.success ? [parsed.data] : [];
  });

  it('the guard', () => {
    for (const window of [DEFAULT_DATE_WINDOW, window2020, { from: '2026-11-20', to: '2026-11-21' }])
      for (const op of ops)
        expect(exact(guardOp(op, window)), JSON.stringify(op)).toEqual(exact(oldGuardOp(op, window)));
  });

  it('the data check', () => {
    for (const op of ops) expect(outcome(() => parseData(op))).toEqual(outcome(() => oldParseData(op)));
  });

  it('the hash, of an op as sent and of its data as read', () => {
    for (const op of ops) {
      expect(hashOp(op)).toBe(oldHashOp(op));
      const data = parseData(op);
      if (data.ok) expect(hashOp(op, data.data)).toBe(oldHashOp(op, data.data));
    }
    const odd = JSON.parse(
      '{"b":1,"10":2,"2":3,"a":{"z":[{"y":1,"x":2}],"__proto__":4},"__proto__":{"k":5}}',
    ) as Record<string, unknown>;
    const op = { entity_type: 'suppliers', operation: 'create', data: odd } as PushOp;
    expect(hashOp(op)).toBe(oldHashOp(op));
  });

  it('the date window, for windows one after another', () => {
    const values = ['2026-11-20', '2026-11-20T07:45:00Z', '1999-12-31', '2100-01-01', '2026-02-30', 'x', '2029-12-31'];
    for (const window of [DEFAULT_DATE_WINDOW, window2020, DEFAULT_DATE_WINDOW, { from: 'nope', to: '2030-01-01' }])
      for (const value of values) expect(outsideDateWindow(value, window)).toBe(oldOutsideDateWindow(value, window));
  });
});
