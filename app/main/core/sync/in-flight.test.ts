import { describe, expect, it } from 'vitest';
import { InFlight } from './in-flight';
import { addRange } from './push';

const op = (entity_type: string, entity_uuid: string, payload: Record<string, unknown> = {}) => ({
  entity_type,
  entity_uuid,
  payload: JSON.stringify(payload),
});

describe('InFlight', () => {
  const flying = new InFlight([
    [op('suppliers', 's1'), op('collections', 'c1', { supplier_uuid: 's2', product_uuid: 'p1' })],
  ]);

  it('holds an op naming any record of a batch in flight, as its own or as a reference', () => {
    expect(flying.mustWait(op('suppliers', 's1'), ['s1'])).toBe(true);
    expect(flying.mustWait(op('payments', 'x'), ['x', 's1'])).toBe(true);
    // Both name supplier s2 / product p1: a new rate or a second delivery in the shift depends on order.
    expect(flying.mustWait(op('collections', 'c2'), ['c2', 's2'])).toBe(true);
    expect(flying.mustWait(op('product_rates', 'r1'), ['r1', 'p1'])).toBe(true);
  });

  it('lets an op naming none of them go, and anything go when nothing is in flight', () => {
    expect(flying.mustWait(op('suppliers', 's9'), ['s9'])).toBe(false);
    expect(new InFlight().mustWait(op('settlement_runs', 'run'), ['run'])).toBe(false);
  });

  it('sends a pay run with no other batch in flight, before or after it', () => {
    expect(flying.mustWait(op('settlement_runs', 'run'), ['run'])).toBe(true);
    expect(new InFlight([[op('settlement_runs', 'run')]]).mustWait(op('suppliers', 's9'), ['s9'])).toBe(true);
  });
});

describe('addRange', () => {
  it('keeps ranges in seq order and joined when answers arrive out of order', () => {
    const ranges = [{ from: 1, to: 100 }];
    addRange(ranges, { from: 201, to: 300 });
    addRange(ranges, { from: 101, to: 200 });
    expect(ranges).toEqual([{ from: 1, to: 300 }]);
    addRange(ranges, { from: 401, to: 450 });
    addRange(ranges, { from: 351, to: 360 });
    expect(ranges).toEqual([
      { from: 1, to: 300 },
      { from: 351, to: 360 },
      { from: 401, to: 450 },
    ]);
  });
});
