import { toDecimalString, type ScaleFormat, type ScaleReading, type ScaleUnit } from '../../../../shared';

/**
 * What a scale sends for a weight, in each format the reader parses: the scale simulator plays these, and the
 * tests check that parsing them gives the weight back.
 */
export type FrameFields = Pick<ScaleReading, 'weight_milli' | 'unit' | 'stable' | 'mode'>;

function stGs(f: FrameFields): string {
  const sign = f.weight_milli < 0 ? '-' : '+';
  const number = toDecimalString(Math.abs(f.weight_milli), 3).padStart(8, ' ');
  return `${f.stable ? 'ST' : 'US'},${f.mode === 'net' ? 'NT' : 'GS'},${sign}${number}${f.unit}\r\n`;
}

function plain(f: FrameFields): string {
  return `${toDecimalString(f.weight_milli, 3).padStart(10, ' ')} ${f.unit}\r\n`;
}

const TOLEDO_UNIT_CODE: Record<ScaleUnit, number> = { kg: 0, lb: 0, g: 1, t: 2, oz: 3 };

/** Toledo frames carry six digits: the finest decimal point that holds the weight without losing a digit. */
function toledo(f: FrameFields): string {
  const magnitude = Math.abs(f.weight_milli);
  let decimals = 3;
  let scaled = magnitude;
  while (scaled > 999_999 && decimals > 0 && scaled % 10 === 0) {
    scaled /= 10;
    decimals--;
  }
  if (scaled > 999_999) throw new RangeError(`${f.weight_milli} does not fit a Toledo frame`);
  const swa = 0x20 | 0x08 | (decimals + 2); // bit 3: increment ×1; bits 0–2: point position
  const swb =
    0x20 |
    (f.mode === 'net' ? 0x01 : 0) |
    (f.weight_milli < 0 ? 0x02 : 0) |
    (f.stable ? 0 : 0x08) |
    (f.unit === 'lb' ? 0 : 0x10);
  const swc = 0x20 | TOLEDO_UNIT_CODE[f.unit];
  const body = `\u0002${String.fromCharCode(swa, swb, swc)}${String(scaled).padStart(6, '0')}000000\r`;
  let sum = 0;
  for (const c of body) sum += c.charCodeAt(0);
  return body + String.fromCharCode(-sum & 0x7f);
}

const ENCODERS: Record<ScaleFormat, (fields: FrameFields) => string> = { 'st-gs': stGs, plain, toledo };

/** The bytes (latin1) a scale in `format` sends for this weight. */
export function encodeFrame(format: ScaleFormat, fields: FrameFields): string {
  return ENCODERS[format](fields);
}
