import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, toDecimalString } from './decimal';
import {
  amountMinor,
  divRoundHalfUp,
  toSafeMinor,
  currencyScale,
  formatMoney,
  formatQuantity,
  formatQuantityGrouped,
  parseMoney,
  parseQuantity,
} from './money';

const safeInt = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('parseDecimal', () => {
  it('parses exact values', () => {
    expect(parseQuantity('12.345')).toEqual({ ok: true, value: 12345 });
    expect(parseMoney('32.75')).toEqual({ ok: true, value: 3275 });
    expect(parseQuantity('12.5')).toEqual({ ok: true, value: 12500 });
    expect(parseQuantity(' 7 ')).toEqual({ ok: true, value: 7000 });
    expect(parseMoney('.5')).toEqual({ ok: true, value: 50 });
    expect(parseMoney('0.10')).toEqual({ ok: true, value: 10 });
    expect(parseMoney('1200', 'JPY')).toEqual({ ok: true, value: 1200 });
    expect(parseMoney('1.234', 'KWD')).toEqual({ ok: true, value: 1234 });
    expect(parseDecimal('-1.5', { scale: 2, allowNegative: true })).toEqual({ ok: true, value: -150 });
    expect(parseMoney('90071992547409.91')).toEqual({ ok: true, value: 9007199254740991 });
  });

  it.each([
    ['', 'amount is required'],
    ['   ', 'amount is required'],
    ['NaN', 'amount must be a number'],
    ['Infinity', 'amount must be a number'],
    ['1e3', 'amount must be a plain number, not an exponent form'],
    ['1E-2', 'amount must be a plain number, not an exponent form'],
    ['ten', 'amount must be a number like 12.5'],
    ['e', 'amount must be a number like 12.5'],
    ['-5', 'amount cannot be negative'],
    ['12.345', 'amount allows at most 2 decimal places'],
    ['abc', 'amount must be a number like 12.5'],
    ['twelve', 'amount must be a number like 12.5'],
    ['e5', 'amount must be a number like 12.5'],
    ['1,000', 'amount must be a number like 12.5'],
    ['1.2.3', 'amount must be a number like 12.5'],
    ['0x10', 'amount must be a number like 12.5'],
    ['+5', 'amount must be a number like 12.5'],
    ['90071992547409.92', 'amount is too large'],
    ['99999999999999999999', 'amount is too large'],
  ])('rejects %j with a clear message', (input, message) => {
    expect(parseMoney(input)).toEqual({ ok: false, error: message });
  });

  it('names the field and the scale in quantity messages', () => {
    expect(parseQuantity('1.2345')).toEqual({ ok: false, error: 'quantity allows at most 3 decimal places' });
    expect(parseMoney('1.5', 'JPY')).toEqual({ ok: false, error: 'amount must be a whole number' });
  });

  it('round-trips toDecimalString for every safe integer and scale (parse ∘ format = id)', () => {
    fc.assert(
      fc.property(safeInt, fc.integer({ min: 0, max: 6 }), (value, scale) => {
        const result = parseDecimal(toDecimalString(value, scale), { scale });
        expect(result).toEqual({ ok: true, value });
      }),
    );
  });

  it('never goes through a float: every digit string of up to 15 digits parses exactly', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{0,12}\.\d{2}$/), (text) => {
        const result = parseMoney(text);
        expect(result.ok && toDecimalString(result.value, 2)).toBe(text);
      }),
    );
  });
});

describe('amountMinor', () => {
  it('rounds half up, defined once', () => {
    expect(amountMinor(12500, 3275)).toBe(40938); // 12.5 × 32.75 = 409.375 → 409.38
    expect(amountMinor(1, 500)).toBe(1); // 0.5 minor → 1
    expect(amountMinor(1, 499)).toBe(0);
    expect(amountMinor(1000, 3275)).toBe(3275);
    expect(amountMinor(0, 3275)).toBe(0);
    expect(amountMinor(-1, 500)).toBe(-1); // halves round away from zero
  });

  it('equals the exact rational rounded half up (BigInt oracle)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 7 }), (q, r) => {
        const exact = BigInt(q) * BigInt(r);
        const floor = exact / 1000n;
        const remainder = exact % 1000n;
        const expected = Number(remainder >= 500n ? floor + 1n : floor);
        expect(amountMinor(q, r)).toBe(expected);
      }),
    );
  });

  it('is monotonic in quantity and exact for whole units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 8 }), fc.integer({ min: 0, max: 10 ** 6 }), (units, r) => {
        expect(amountMinor(units * 1000, r)).toBe(units * r);
        expect(amountMinor(units * 1000 + 1, r)).toBeGreaterThanOrEqual(units * r);
      }),
    );
  });

  it('refuses results past the safe range and non-integers', () => {
    expect(() => amountMinor(Number.MAX_SAFE_INTEGER, 10_000)).toThrow('amount is too large');
    expect(() => amountMinor(1.5, 10)).toThrow('safe integers');
  });
});

describe('divRoundHalfUp', () => {
  it('rounds halves away from zero for any positive denominator', () => {
    expect([
      divRoundHalfUp(5n, 10n),
      divRoundHalfUp(4n, 10n),
      divRoundHalfUp(15n, 10n),
      divRoundHalfUp(-5n, 10n),
    ]).toEqual([1n, 0n, 2n, -1n]);
    expect(divRoundHalfUp(123_456_789n * 1_500n, 100_000n)).toBe(1_851_852n); // 1.5% of 1,234,567.89
    expect(() => divRoundHalfUp(1n, 0n)).toThrow('denominator must be positive');
  });

  it('equals floor(n/d + 1/2) for non-negative numerators (oracle)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        const floor = n / d;
        expect(divRoundHalfUp(n, d)).toBe(2n * (n % d) >= d ? floor + 1n : floor);
      }),
    );
  });

  it('mirrors itself for negative numerators: halves away from zero (oracle)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 0n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        expect(divRoundHalfUp(n, d)).toBe(-divRoundHalfUp(-n, d));
      }),
    );
  });

  it('toSafeMinor refuses values past the safe range', () => {
    expect(toSafeMinor(42n)).toBe(42);
    expect(() => toSafeMinor(2n ** 53n, 'net')).toThrow('net is too large');
  });
});

describe('formatMoney', () => {
  it('formats with the configured currency and locale', () => {
    expect(formatMoney(3275)).toBe('$32.75');
    expect(formatMoney(123456789, { currency: 'USD', locale: 'en-US' })).toBe('$1,234,567.89');
    expect(formatMoney(1200, { currency: 'JPY', locale: 'ja-JP' })).toBe('￥1,200');
    expect(formatMoney(123456, { currency: 'EUR', locale: 'de-DE' })).toBe('1.234,56\u00a0€');
    expect(formatMoney(150000, { currency: 'KES', locale: 'en-KE' })).toBe('Ksh\u00a01,500.00');
    expect(formatMoney(-50)).toBe('-$0.50');
  });

  it('stays exact near the top of the safe range', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe('$90,071,992,547,409.91');
  });

  it('round-trips: the digits of the formatted amount parse back to the same minor units', () => {
    fc.assert(
      fc.property(safeInt, (minor) => {
        const shown = formatMoney(minor).replace(/[$,]/g, '');
        expect(parseMoney(shown)).toEqual({ ok: true, value: minor });
      }),
    );
  });

  it('knows currency scales', () => {
    expect([currencyScale('USD'), currencyScale('JPY'), currencyScale('KWD')]).toEqual([2, 0, 3]);
  });

  it('formats quantities without trailing zeros', () => {
    expect([formatQuantity(12500), formatQuantity(3000), formatQuantity(125), formatQuantity(100500)]).toEqual([
      '12.5',
      '3',
      '0.125',
      '100.5',
    ]);
  });

  it('groups quantities by thousands for display, like amounts', () => {
    expect([100_000_000, 1_234_500, 999_999, 24_600, -1_234_000, 12_345_678_901].map(formatQuantityGrouped)).toEqual([
      '100,000',
      '1,234.5',
      '999.999',
      '24.6',
      '-1,234',
      '12,345,678.901',
    ]);
  });
});
