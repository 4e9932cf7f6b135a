import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../../../shared';
import type { LocalConflict } from '../../../../../shared/ipc/types';
import { compareConflict, showValue } from './compare';

const payment = {
  uuid: '0190e0b4-0000-7000-8000-00000000000a',
  version: 2,
  supplier_uuid: '0190e0b4-0000-7000-8000-00000000000b',
  paid_at: '2026-11-20T08:00:00.000Z',
  amount_minor: 50_000,
  type: 'advance',
  method: 'cash',
  reference: '',
  notes: '',
  voided_at: '2026-11-20T09:00:00.000Z',
  void_reason: 'Entered twice',
  deleted_at: null,
};

/** Two desks voided one payment with different reasons: the second desk's void is the conflict. */
const voidConflict: LocalConflict = {
  conflict_id: '0190e0b4-0000-7000-8000-00000000000c',
  entity_type: 'payments',
  entity_uuid: payment.uuid,
  type: 'concurrent',
  resolution: 'manual',
  status: 'open',
  client_data: {
    uuid: payment.uuid,
    version: 1,
    voided_at: '2026-11-20T09:05:00Z',
    void_reason: 'Supplier returned the cash',
  },
  server_data: payment,
  local_data: null,
  current: payment,
  created_at: '2026-11-20T09:06:00.000Z',
  resolved_at: null,
  resolved_by: null,
  note: null,
};

const show = {
  money: (m: number) => formatMoney(m, { currency: 'KES', locale: 'en-KE' }),
  timeZone: 'Africa/Nairobi',
  locale: 'en-GB',
};

describe('the conflict comparison', () => {
  it('compares every field of the entity, a void included, the differing ones first with their labels', () => {
    const rows = compareConflict(voidConflict);
    expect(rows.map((r) => r.field)).toEqual([
      'voided_at',
      'void_reason',
      'supplier_uuid',
      'paid_at',
      'amount_minor',
      'type',
      'method',
      'reference',
      'notes',
      'adjusts_uuid',
      'deleted_at',
    ]);
    expect(rows.filter((r) => r.differs).map((r) => r.label)).toEqual(['Voided at', 'Void reason']);
    expect(rows.find((r) => r.field === 'void_reason')).toMatchObject({
      server: 'Entered twice',
      desk: 'Supplier returned the cash',
      decides: true,
    });
    expect(rows.find((r) => r.field === 'supplier_uuid')?.decides).toBe(false);
    expect(rows.map((r) => r.label)).not.toContain('amount_minor');
  });

  it("shows a deletion against the desk's edit of the live row, and lets the supervisor decide it", () => {
    const deleted = { ...payment, voided_at: null, void_reason: null, deleted_at: '2026-11-20T10:00:00.000Z' };
    const rows = compareConflict({
      ...voidConflict,
      type: 'deleted',
      entity_type: 'payments',
      client_data: { uuid: payment.uuid, version: 1, notes: 'kept' },
      server_data: deleted,
      current: deleted,
    });
    expect(rows.filter((r) => r.differs).map((r) => [r.field, r.decides])).toEqual([
      ['notes', true],
      ['deleted_at', true],
    ]);
  });

  it('formats money, quantities and instants (in the org zone) — never minor units or raw ISO', () => {
    expect(showValue('money', 50_000, show)).toMatch(/500\.00/);
    expect(showValue('quantity', 12_500, show)).toBe('12.5');
    expect(showValue('instant', '2026-11-20T09:05:00Z', show)).toBe('20 Nov 2026, 12:05:00');
    expect(showValue('instant', null, show)).toBe('—');
    expect(showValue('instant', '2026-11-20T09:05:00.042Z', { ...show, precise: true })).toBe(
      '20 Nov 2026, 12:05:00 (+042 ms)',
    );
    expect(showValue('ref', voidConflict.entity_uuid, { ...show, nameOf: () => 'Chebet Kirui (S-0100)' })).toBe(
      'Chebet Kirui (S-0100)',
    );
    expect(showValue('enum', 'advance', show)).toBe('Advance');
  });
});
