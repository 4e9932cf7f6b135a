import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textWidthMm, wrapText } from './text-wrap';

describe('line breaking for printed cells', () => {
  it('breaks at spaces, keeps every word, and cuts a word only when it is wider than the column', () => {
    expect(wrapText('Payment (partial, mobile, MPESA QK7H2L9XP1)', 45, 9)).toEqual([
      'Payment (partial, mobile,',
      'MPESA QK7H2L9XP1)',
    ]);
    const long = wrapText('QK7H2L9XP1ZZ8W3QK7H2L9XP1ZZ8W3', 20, 9);
    expect(long.length).toBeGreaterThan(1);
    expect(long.join('')).toBe('QK7H2L9XP1ZZ8W3QK7H2L9XP1ZZ8W3');
    expect(wrapText('', 20, 9)).toEqual(['']);
  });

  it('never loses a character and never makes a line wider than asked (unless one character is)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 5, max: 80 }), (text, width) => {
        const lines = wrapText(text, width, 9);
        expect(lines.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
        for (const line of lines) if ([...line].length > 1) expect(textWidthMm(line, 9)).toBeLessThanOrEqual(width);
      }),
    );
  });

  it('measures bold wider than regular, and digits alike', () => {
    expect(textWidthMm('Ksh 1,234.50', 9, true)).toBeGreaterThan(textWidthMm('Ksh 1,234.50', 9));
    expect(textWidthMm('1111', 9)).toBe(textWidthMm('8888', 9));
  });
});
