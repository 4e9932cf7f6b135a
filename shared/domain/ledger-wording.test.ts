import { describe, expect, it } from 'vitest';
import { deliveryAdjustmentLabel, lineWording, paymentAdjustmentLabel, voidNote } from './ledger-wording';

const plain = { grade: null, readings: '{}', shift: null, rejection_reason: null, rejection_note: '', terms: null };

describe('one wording of ledger lines for the desk, its statement and the server’s payslips', () => {
  it('words a void after the entry, as the screen and the statement both print it', () => {
    expect(voidNote('Wrong supplier')).toBe(' — VOID: Wrong supplier');
    // A void synced without a reason still says VOID, with nothing after it.
    expect(voidNote(null)).toBe(' — VOID: ');
  });

  it('names an adjustment by the corrected record’s day and what it was, within a line name’s 200 characters', () => {
    expect(deliveryAdjustmentLabel('2026-11-05', 'TEA')).toBe('Adjustment of 2026-11-05 delivery TEA');
    expect(paymentAdjustmentLabel('2026-11-04', 'advance')).toBe('Adjustment of 2026-11-04 advance payment');
    expect(deliveryAdjustmentLabel('2026-11-05', 'X'.repeat(300))).toHaveLength(200);
  });

  it('dates a ledger line’s adjustment on the organisation’s calendar, as the payslip does', () => {
    // 23:30 UTC on 4 November is already the 5th in Nairobi, still the 4th in London.
    const at = '2026-11-04T23:30:00.000Z';
    const nairobi = lineWording('Africa/Nairobi');
    const london = lineWording('Europe/London');
    const collection = { ...plain, product_name: 'Tea leaf', product_code: 'TEA', adjusted_at: at };
    const payment = { type: 'advance', method: 'cash', reference: null, adjusted_at: at };
    expect(nairobi.collection(collection)).toBe(deliveryAdjustmentLabel('2026-11-05', 'TEA'));
    expect(london.collection(collection)).toBe(deliveryAdjustmentLabel('2026-11-04', 'TEA'));
    expect(nairobi.payment(payment)).toBe(paymentAdjustmentLabel('2026-11-05', 'advance'));
    expect(london.payment({ ...payment, adjusted_at: null, reference: 'QX1' })).toBe('Payment (advance, cash, QX1)');
  });
});
