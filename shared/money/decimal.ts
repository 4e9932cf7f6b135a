/**
 * Exact decimal-string ↔ scaled-integer conversion. Money and quantities never pass through a float:
 * "32.75" at scale 2 is the integer 3275, built digit by digit.
 */

export interface ParseDecimalOptions {
  /** Digits after the point the integer carries (2 for cents, 3 for thousandths). */
  scale: number;
  /** Allow a leading minus sign. Default false. */
  allowNegative?: boolean;
  /** What the value is, for the error message ("amount", "quantity"). */
  label?: string;
}

export type ParseResult = { ok: true; value: number } | { ok: false; error: string };

const DECIMAL = /^(-)?(\d+)(?:\.(\d*))?$|^(-)?\.(\d+)$/;

export function parseDecimal(input: string, options: ParseDecimalOptions): ParseResult {
  const label = options.label ?? 'value';
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return { ok: false, error: `${label} is required` };
  if (/^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(text))
    return { ok: false, error: `${label} must be a plain number, not an exponent form` };
  if (/^[+-]?(nan|infinity)$/i.test(text)) return { ok: false, error: `${label} must be a number` };
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, error: `${label} must be a number like 12.5` };
  const negative = Boolean(match[1] ?? match[4]);
  const whole = match[2] ?? '0';
  const fraction = match[3] ?? match[5] ?? '';
  if (negative && !options.allowNegative) return { ok: false, error: `${label} cannot be negative` };
  if (fraction.length > options.scale) {
    return {
      ok: false,
      error:
        options.scale === 0
          ? `${label} must be a whole number`
          : `${label} allows at most ${options.scale} decimal places`,
    };
  }
  const digits = (whole + fraction.padEnd(options.scale, '0')).replace(/^0+(?=\d)/, '');
  const magnitude = BigInt(digits);
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: `${label} is too large` };
  const value = Number(magnitude);
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

/** The exact decimal string of a scaled integer: toDecimalString(3275, 2) === "32.75". */
export function toDecimalString(value: number, scale: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : digits.slice(0, -scale);
  const fraction = scale === 0 ? '' : `.${digits.slice(-scale)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
