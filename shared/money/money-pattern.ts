import { toDecimalString } from './decimal';

/**
 * Intl sets a currency amount by one pattern per sign: text before, the whole part grouped by threes, the
 * decimal mark and the fraction, text after. Applying the pattern read from Intl's own parts costs a string
 * build instead of an Intl call (a statement of 10,000 lines formats 30,000 amounts). The pattern is used only
 * if it gives Intl's exact text at every length of the whole part, both signs; otherwise (Indian grouping,
 * no grouping below five digits, native digits, …) the caller keeps Intl.
 */

interface SignPattern {
  before: string;
  group: string;
  decimal: string;
  after: string;
}

function patternOf(formatter: Intl.NumberFormat, sample: string): SignPattern | null {
  const parts = formatter.formatToParts(sample as unknown as number);
  const first = parts.findIndex((p) => p.type === 'integer');
  let last = parts.length - 1;
  while (last >= 0 && !['integer', 'fraction'].includes(parts[last]!.type)) last -= 1;
  if (first < 0) return null;
  const inner = parts.slice(first, last + 1);
  if (inner.some((p) => !['integer', 'group', 'decimal', 'fraction'].includes(p.type))) return null;
  return {
    before: parts
      .slice(0, first)
      .map((p) => p.value)
      .join(''),
    group: inner.find((p) => p.type === 'group')?.value ?? '',
    decimal: inner.find((p) => p.type === 'decimal')?.value ?? '',
    after: parts
      .slice(last + 1)
      .map((p) => p.value)
      .join(''),
  };
}

function grouped(digits: string, group: string): string {
  if (group === '' || digits.length <= 3) return digits;
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += group + digits.slice(i, i + 3);
  return out;
}

/** The amounts the pattern is checked on: every length of the whole part up to the largest safe integer. */
function probes(): number[] {
  const values = [0];
  for (let length = 1; length <= 16; length++) {
    const ones = Number('1234567890123456'.slice(0, length));
    const nines = Number('9'.repeat(length));
    for (const v of [ones, nines, 10 ** (length - 1)]) if (Number.isSafeInteger(v)) values.push(v, -v);
  }
  return values;
}

/** A formatter equal to `intl.format(toDecimalString(minor, scale))` for every safe integer, or null. */
export function patternMoneyFormatter(intl: Intl.NumberFormat, scale: number): ((minor: number) => string) | null {
  const sample = toDecimalString(123456789, scale);
  const plus = patternOf(intl, sample);
  const minus = patternOf(intl, `-${sample}`);
  if (!plus || !minus) return null;
  const format = (minor: number): string => {
    const text = toDecimalString(minor, scale);
    const negative = text.charCodeAt(0) === 45; // '-'
    const p = negative ? minus : plus;
    const digits = negative ? text.slice(1) : text;
    const whole = scale === 0 ? digits : digits.slice(0, -scale - 1);
    const fraction = scale === 0 ? '' : p.decimal + digits.slice(-scale);
    return p.before + grouped(whole, p.group) + fraction + p.after;
  };
  for (const minor of probes())
    if (format(minor) !== intl.format(toDecimalString(minor, scale) as unknown as number)) return null;
  return format;
}
