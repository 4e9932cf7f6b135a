import { describe, expect, it, vi } from 'vitest';
import { entity } from '../domain/registry';
import { newId } from '../ids';
import { describeWireRowProblem, firstBadWireRow } from './wire-row-check';
import type { WireRow } from './protocol';

const at = '2026-11-20T07:45:03.120Z';
const payment = (over: Record<string, unknown> = {}): WireRow => ({
  uuid: newId(),
  version: 1,
  created_at: at,
  updated_at: at,
  deleted_at: null,
  created_by: 'u1',
  updated_by: 'u1',
  supplier_uuid: newId(),
  paid_at: at,
  amount_minor: 250000,
  type: 'advance',
  method: 'cash',
  reference: '',
  notes: '',
  voided_at: null,
  void_reason: null,
  adjusts_uuid: null,
  ...over,
});

describe('rows a server sent, checked against their type', () => {
  it('passes whole rows, and columns the schema does not know (a newer server may add one)', () => {
    expect(firstBadWireRow('payments', [payment(), payment({ a_newer_column: 7 })])).toBeNull();
    expect(firstBadWireRow('payments', [])).toBeNull();
  });

  it('names the type, the uuid and the field of the first bad row', () => {
    const bad = payment({ amount_minor: '2500.00' });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ amount_minor: '2500.00' }, 'amount_minor', 'must be a whole number'],
      [{ amount_minor: 12.5 }, 'amount_minor', 'must be a whole number'],
      [{ method: 'barter' }, 'method', 'must be one of: cash, bank, mobile, cheque'],
      [{ supplier_uuid: undefined }, 'supplier_uuid', 'is required'],
      [{ created_at: 'yesterday' }, 'created_at', 'must be an ISO-8601 date-time'],
    ];
    for (const [over, field, message] of cases) {
      const row = payment(over);
      const problem = firstBadWireRow('payments', [payment(), row, bad]);
      expect(problem, field).toEqual({ type: 'payments', uuid: row.uuid, fields: { [field]: message } });
      expect(describeWireRowProblem(problem!)).toBe(`payments row ${row.uuid}: ${field} ${message}`);
    }
  });

  it('checks a row against the type it is filed under, not one it resembles', () => {
    expect(firstBadWireRow('suppliers', [payment()])?.fields).toMatchObject({ code: 'is required' });
  });

  it('parses no valid row with the row schema (no parsed copy per row), only a row it doubts', () => {
    const parse = vi.spyOn(entity('payments').rowSchema, 'safeParse');
    try {
      const page = Array.from({ length: 500 }, () => payment());
      expect(firstBadWireRow('payments', page)).toBeNull();
      expect(parse).toHaveBeenCalledTimes(0);
      expect(firstBadWireRow('payments', [...page, payment({ amount_minor: 1.5 })])).not.toBeNull();
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('remembers only texts a JSON column accepted: a bad one after many good ones is still refused', () => {
    const collection = (containers: string): WireRow => ({
      ...payment(),
      product_uuid: newId(),
      collected_at: at,
      quantity_milli: 12_500,
      rate_minor: 2300,
      amount_minor: 28_750,
      notes: '',
      rule_version_uuid: null,
      gross_weight_milli: null,
      containers,
      tare_milli: 0,
      grade: null,
      readings: '{}',
      shift: null,
      route_uuid: null,
      centre_uuid: null,
      weighed_on_scale: false,
      rejection_reason: null,
      rejection_note: '',
      second_delivery: false,
    });
    const good = Array.from({ length: 50 }, () => collection('[]'));
    expect(firstBadWireRow('collections', good)).toBeNull();
    const bad = collection('[{"code":"crate","count":"two"}]');
    expect(firstBadWireRow('collections', [...good, bad])).toMatchObject({
      uuid: bad.uuid,
      fields: { 'containers.0.count': 'must be a whole number' },
    });
    expect(firstBadWireRow('collections', [collection('[')])?.fields).toEqual({ containers: 'must be valid JSON' });
  });
});
