import { parseDecimal, toDecimalString, type ParseResult } from './decimal';
import { patternMoneyFormatter } from './money-pattern';

/** Quantities are thousandths of a unit (12.345 kg → 12345). */
export const QUANTITY_SCALE = 3;

export interface MoneyFormat {
  currency: string;
  locale: string;
}

const DEFAULT_MONEY_FORMAT: MoneyFormat = { currency: 'USD', locale: 'en-US' };

const scales = new Map<string, number>();
const formatters = new Map<string, Intl.NumberFormat>();

/** Minor-unit digits of a currency per ISO 4217 as the runtime knows it (USD 2, JPY 0, KWD 3). */
export function currencyScale(currency: string): number {
  let scale = scales.get(currency);
  if (scale === undefined) {
    scale = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    scales.set(currency, scale);
  }
  return scale;
}

/** Intl formatters are costly to build (a 10,000-line statement formats 50,000 amounts): one per locale+currency. */
function moneyFormatter(format: MoneyFormat): Intl.NumberFormat {
  const key = `${format.locale}|${format.currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(format.locale, { style: 'currency', currency: format.currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

export function parseMoney(input: string, currency = DEFAULT_MONEY_FORMAT.currency, label = 'amount'): ParseResult {
  return parseDecimal(input, { scale: currencyScale(currency), label });
}

export function parseQuantity(input: string, label = 'quantity'): ParseResult {
  return parseDecimal(input, { scale: QUANTITY_SCALE, label });
}

/**
 * round_half_up(numerator / denominator) for a positive denominator — the one rounding rule of every money
 * path. Halves round away from zero; BigInt keeps products past 2^53 exact.
 */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}

/** A BigInt result as a safe-integer number, or a clear error. */
export function toSafeMinor(value: bigint, label = 'amount'): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${label} is too large`);
  return Number(value);
}

/** amount_minor = round_half_up(quantity_milli × rate_minor / 1000). */
export function amountMinor(quantityMilli: number, rateMinor: number): number {
  if (!Number.isSafeInteger(quantityMilli) || !Number.isSafeInteger(rateMinor)) {
    throw new RangeError('quantity and rate must be safe integers');
  }
  return toSafeMinor(divRoundHalfUp(BigInt(quantityMilli) * BigInt(rateMinor), 1000n));
}

/** Formats minor units for display with Intl; the number is handed over as an exact decimal string. */
export function formatMoney(minor: number, format: MoneyFormat = DEFAULT_MONEY_FORMAT): string {
  return moneyFormatterOf(format)(minor);
}

const patterns = new Map<string, ((minor: number) => string) | null>();

/**
 * `formatMoney` with everything looked up once, for a report formatting thousands: Intl's own pattern applied
 * directly where it reproduces Intl exactly (`money-pattern.ts`), else Intl.
 */
export function moneyFormatterOf(format: MoneyFormat = DEFAULT_MONEY_FORMAT): (minor: number) => string {
  const scale = currencyScale(format.currency);
  const formatter = moneyFormatter(format);
  const key = `${format.locale}|${format.currency}`;
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    pattern = patternMoneyFormatter(formatter, scale);
    patterns.set(key, pattern);
  }
  if (pattern) return pattern;
  // Intl.NumberFormat v3 formats decimal strings exactly; the cast is for lib typings that predate it.
  return (minor) => formatter.format(toDecimalString(minor, scale) as unknown as number);
}

/** Minor units as a plain decimal string for input fields ("32.75"). */
export function moneyToInput(minor: number, currency = DEFAULT_MONEY_FORMAT.currency): string {
  return toDecimalString(minor, currencyScale(currency));
}

/** Thousandths as a trimmed decimal string ("12.5", "3", "0.125"). */
export function formatQuantity(milli: number): string {
  const text = toDecimalString(milli, QUANTITY_SCALE);
  return text.replace(/\.?0+$/, '');
}

/**
 * Thousandths for people to read, grouped by thousands like amounts ("100,000", "1,234.5"): a stray zero shows.
 * Only for display; input fields and files keep formatQuantity, which parses back.
 */
export function formatQuantityGrouped(milli: number): string {
  const [whole, fraction] = formatQuantity(milli).split('.');
  return whole!.replace(/\B(?=(\d{3})+$)/g, ',') + (fraction ? `.${fraction}` : '');
}
