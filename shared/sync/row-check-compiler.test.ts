import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ENTITIES } from '../domain/registry';
import { newId } from '../ids';
import { compileFastCheck } from './row-check-compiler';

/** Values near every edge a row's fields have: lengths, trims, patterns, bounds, types, null. */
const edgy: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 1 }),
  fc.constantFrom(null, undefined, true, false, 0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53)),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, '1', '', ' ', '  x  ', '\t'),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double(),
  fc.nat({ max: 1100 }).map((n) => 'x'.repeat(n)),
  fc
    .tuple(fc.nat({ max: 3 }), fc.nat({ max: 130 }), fc.nat({ max: 3 }))
    .map(([a, n, b]) => ' '.repeat(a) + 'a'.repeat(n) + ' '.repeat(b)),
  fc.constantFrom(newId(), newId().toUpperCase(), `${newId()} `, newId().slice(1), 'not-a-uuid'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-11-20T07:45:03Z', '2026-11-20T07:45:03+03:00', '2026-11-20 07:45:03', '2026-02-30T00:00:00Z'),
  fc.constantFrom('S-1', 'A.b/c_d-9', '-lead', 'ok code', 'ünï', 'a'.repeat(33)),
  fc.constantFrom('cash', 'bank', 'mobile', 'cheque', 'barter', 'advance', 'none', 'morning', 'Cash'),
  fc.string({ maxLength: 40 }),
  // Lengths in code points against UTF-16 units: an emoji is one code point, two units; a lone surrogate is one.
  fc
    .tuple(fc.nat({ max: 1100 }), fc.nat({ max: 600 }), fc.constantFrom('😀', '\ud83d', 'ũ'))
    .map(([a, b, c]) => 'x'.repeat(a) + c.repeat(b)),
  fc.nat({ max: 140 }).map((n) => '🍵'.repeat(n)),
);

const fields = Object.values(ENTITIES).flatMap((spec) =>
  Object.entries(spec.rowSchema.shape as Record<string, z.ZodType>).map(([field, schema]) => ({
    name: `${spec.type}.${field}`,
    schema,
    fast: compileFastCheck(schema),
  })),
);

describe('a row schema compiled to plain tests', () => {
  it('says exactly what the schema says, for every compiled field of every type', () => {
    const compiled = fields.filter((f) => f.fast);
    for (const { name, schema, fast } of compiled)
      fc.assert(
        fc.property(edgy, (value) => {
          expect(fast!(value), `${name} ${String(value)}`).toBe(schema.safeParse(value).success);
        }),
        { numRuns: 400, seed: 20261129 },
      );
  });

  it('compiles the columns every type has and the money, quantity, enum and text kinds', () => {
    const compiled = new Set(fields.filter((f) => f.fast).map((f) => f.name));
    for (const name of [
      'payments.uuid',
      'payments.version',
      'payments.created_at',
      'payments.deleted_at',
      'payments.amount_minor',
      'payments.method',
      'payments.notes',
      'collections.quantity_milli',
      'collections.shift',
      'collections.weighed_on_scale',
      'suppliers.code',
      'suppliers.name',
    ])
      expect(compiled.has(name), name).toBe(true);
  });

  it('leaves to the schema what it cannot read: refinements, transforms, coercion', () => {
    expect(compileFastCheck(z.string().refine((s) => s !== 'no'))).toBeNull();
    expect(compileFastCheck(z.string().transform((s) => s.length))).toBeNull();
    expect(compileFastCheck(z.coerce.number())).toBeNull();
    expect(compileFastCheck(z.email())).toBeNull();
    expect(compileFastCheck(z.number().multipleOf(5))).toBeNull();
  });
});
