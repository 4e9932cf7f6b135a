import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Shared from '../../../../shared';
import { DEFAULT_DATE_WINDOW, formatHlc, kindOfField, newId, PushOpSchema } from '../../../../shared';
import { parseOps } from './envelope';
import { dataSchemaOf } from './validation';
import { supplierCreateOp } from '../../../test/supplier-op';

// Counts the work parseOps does per op of a batch of valid ops (the common case of a push): what it may do once
// per batch or per entity type is not done again for each op. Behaviour is held equal to the old code by
// parse-ops-equivalence.test.ts.
vi.mock('../../../../shared', async (original) => {
  const real = await original<typeof Shared>();
  return { ...real, kindOfField: vi.fn(real.kindOfField) };
});

const user = newId();
const stamp = (i: number) =>
  formatHlc({ wallMs: Date.parse('2026-11-20T07:45:03.120Z') + i, counter: 0, node: 'desk1' });

const supplierCreate = (i: number) => supplierCreateOp(i, user);

function collectionCreate(i: number) {
  return {
    op_id: newId(),
    entity_type: 'collections',
    operation: 'create',
    data: {
      uuid: newId(),
      supplier_uuid: newId(),
      product_uuid: newId(),
      collected_at: '2026-11-20T07:45:00+03:00',
      quantity_milli: 1000 + i,
      notes: '',
    },
    client_timestamp: stamp(i),
  };
}

function supplierUpdate(i: number) {
  return {
    op_id: newId(),
    entity_type: 'suppliers',
    operation: 'update',
    data: { uuid: newId(), version: 2, name: `Renamed ${i}`, updated_at: '2026-11-20T07:45:00Z' },
    changed_fields: ['name'],
    client_timestamp: stamp(i),
  };
}

const batch = [
  ...Array.from({ length: 40 }, (_, i) => supplierCreate(i)),
  ...Array.from({ length: 40 }, (_, i) => collectionCreate(i)),
  ...Array.from({ length: 20 }, (_, i) => supplierUpdate(i)),
];

type Run = { _zod: { run: (...args: unknown[]) => unknown } };
const runOf = (schema: unknown) => (schema as Run)._zod;

describe('work per op in parseOps', () => {
  afterEach(() => vi.restoreAllMocks());

  it('accepts every op of the batch', () => {
    const parsed = parseOps(batch);
    expect(parsed.filter((p) => 'error' in p)).toEqual([]);
    expect(parsed.every((p) => 'data' in p && p.data.ok)).toBe(true);
  });

  it("checks valid envelopes and data without zod's runtime parser (it answers only what a check refuses)", () => {
    const schemas = [
      PushOpSchema,
      dataSchemaOf({ entity_type: 'suppliers', operation: 'create' }),
      dataSchemaOf({ entity_type: 'collections', operation: 'create' }),
      dataSchemaOf({ entity_type: 'suppliers', operation: 'update' }),
    ];
    const runs = schemas.map((schema) => vi.spyOn(runOf(schema), 'run'));
    parseOps(batch);
    expect(runs.map((run) => run.mock.calls.length)).toEqual([0, 0, 0, 0]);

    // A refused op still gets the runtime's answer (its message names the field).
    const bad = { ...supplierCreate(1), data: { ...supplierCreate(1).data, code: ' ' } };
    const [answer] = parseOps([bad]);
    expect(runs[1]!.mock.calls.length).toBe(1);
    expect(answer).toMatchObject({ data: { ok: false, refusal: { fields: { code: 'is required' } } } });
  });

  it('works out the date window once per batch, and parses each dated value and clock stamp once', () => {
    const parse = vi.spyOn(Date, 'parse');
    parseOps(batch, DEFAULT_DATE_WINDOW);
    // Dated values: 2 per supplier create (created_at, updated_at), 1 per collection, 1 per update; one stamp each.
    const dated = 40 * 2 + 40 * 1 + 20 * 1;
    expect(parse.mock.calls.length).toBeLessThanOrEqual(dated + batch.length + 2);
  });

  it("reads each type's columns and dated fields from the registry once, not per op", () => {
    vi.mocked(kindOfField).mockClear();
    parseOps(batch);
    const perType = (type: string) => vi.mocked(kindOfField).mock.calls.filter(([t]) => t === type).length;
    // Each call names one field of a type: a type's fields once is at most ~30 calls, not 30 per op.
    expect(perType('suppliers')).toBeLessThanOrEqual(30);
    expect(perType('collections')).toBeLessThanOrEqual(30);
  });

  it('sorts the keys of a repeated data shape once per batch for the hash, not once per op', () => {
    const sort = vi.spyOn(Array.prototype, 'sort');
    parseOps(batch);
    // Three shapes in the batch (supplier create, collection create, supplier update), each in a run of ops.
    expect(sort.mock.calls.length).toBeLessThanOrEqual(6);
  });
});
