import type { ScaleFormat, ScaleUnit } from '../../../../shared';

/**
 * Parsers for scales' continuous output, one line (or frame) at a time. They only recognise the shape; the
 * reader turns the weight text into thousandths and validates it. Nothing here throws: a line that is not a
 * weight says why, so the reader can count it.
 */

export const IGNORED_REASONS = [
  'unreadable',
  'overload',
  'not_weight',
  'too_precise',
  'out_of_range',
  'too_long',
] as const;
export type IgnoredReason = (typeof IGNORED_REASONS)[number];

export type Frame =
  | {
      kind: 'weight';
      /** Signed decimal text, exactly as sent ("-0.120", "12.345", "1200"). */
      weight: string;
      /** Null when the frame does not carry one (the configured unit applies). */
      unit: ScaleUnit | null;
      /** The scale's own steadiness flag, or null when the format has none. */
      stable: boolean | null;
      mode: 'gross' | 'net' | null;
    }
  | { kind: 'ignored'; reason: IgnoredReason };

const UNITS: Record<string, ScaleUnit> = { kg: 'kg', g: 'g', lb: 'lb', lbs: 'lb', t: 't', oz: 'oz' };
const ignored = (reason: IgnoredReason): Frame => ({ kind: 'ignored', reason });

/** Maps a unit as printed ("kg", "KG", "lbs"); undefined for units that are not weights ("PC", "%"). */
function unitOf(text: string | undefined): ScaleUnit | null | undefined {
  if (!text) return null;
  return UNITS[text.toLowerCase()];
}

function weightFrame(
  sign: string,
  digits: string,
  unitText: string | undefined,
  stable: boolean | null,
  mode: 'gross' | 'net' | null,
): Frame {
  const unit = unitOf(unitText);
  if (unit === undefined) return ignored('not_weight');
  return { kind: 'weight', weight: `${sign === '-' ? '-' : ''}${digits}`, unit, stable, mode };
}

const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)`;
const ST_GS = new RegExp(
  String.raw`^(ST|US|OL)\s*,\s*(?:(GS|NT|TR|GR|NE|TA)\s*,\s*)?([+-]?)\s*${NUMBER}\s*([A-Za-z]{1,3})?\s*$`,
);
const OVERLOAD = /^OL\s*,/;
const PLAIN = new RegExp(String.raw`^\s*([+-]?)\s*${NUMBER}\s*([A-Za-z]{1,3})?\s*$`);

/** `ST,GS,+  12.345kg`: ST stable / US unstable / OL overload; GS gross, NT net, TR a tare (not a load). */
function stGs(line: string): Frame {
  if (OVERLOAD.test(line)) return ignored('overload');
  const match = ST_GS.exec(line);
  if (!match) return ignored('unreadable');
  const [, header, kind, sign = '', digits = '', unit] = match;
  if (kind === 'TR' || kind === 'TA') return ignored('not_weight');
  const mode = kind === 'NT' || kind === 'NE' ? 'net' : kind ? 'gross' : null;
  return weightFrame(sign, digits, unit, header === 'ST', mode);
}

/** `   12.345 kg`: a number and perhaps a unit; no steadiness flag. */
function plain(line: string): Frame {
  const match = PLAIN.exec(line);
  if (!match) return ignored('unreadable');
  const [, sign = '', digits = '', unit] = match;
  return weightFrame(sign, digits, unit, null, null);
}

const STX = '\u0002';
/** Status word A, bits 0–2: where the decimal point sits in the six weight digits. */
const TOLEDO_POINT: Record<number, (digits: string) => string> = {
  0: (d) => `${d}00`,
  1: (d) => `${d}0`,
  2: (d) => d,
  3: (d) => `${d.slice(0, 5)}.${d.slice(5)}`,
  4: (d) => `${d.slice(0, 4)}.${d.slice(4)}`,
  5: (d) => `${d.slice(0, 3)}.${d.slice(3)}`,
  6: (d) => `${d.slice(0, 2)}.${d.slice(2)}`,
  7: (d) => `${d.slice(0, 1)}.${d.slice(1)}`,
};
/** Status word C, bits 0–2: 0 means "as status word B says" (lb or kg). */
const TOLEDO_UNITS: Record<number, ScaleUnit | undefined> = { 1: 'g', 2: 't', 3: 'oz' };

/**
 * Mettler Toledo continuous output: STX, SWA, SWB, SWC, six weight digits, six tare digits, CR (then maybe a
 * checksum byte, which lands before the next STX and is skipped). Parity bits are masked off.
 */
function toledo(line: string): Frame {
  const start = line.lastIndexOf(STX);
  if (start < 0) return ignored('unreadable');
  const frame = Array.from(line.slice(start + 1), (c) => String.fromCharCode(c.charCodeAt(0) & 0x7f)).join('');
  if (frame.length < 15) return ignored('unreadable');
  const [a, b, c] = [0, 1, 2].map((i) => frame.charCodeAt(i)) as [number, number, number];
  // Bit 5 is always set in each status word: a cheap check that this really is a status byte.
  if ((a & 0x20) === 0 || (b & 0x20) === 0 || (c & 0x20) === 0) return ignored('unreadable');
  const digits = frame.slice(3, 9).replace(/ /g, '0');
  if (!/^\d{6}$/.test(digits) || !/^[\d ]{6}$/.test(frame.slice(9, 15))) return ignored('unreadable');
  if (b & 0x04) return ignored('overload');
  if (b & 0x40) return ignored('not_weight'); // powered up, zero not yet captured
  const unitCode = c & 0x07;
  const unit = unitCode === 0 ? (b & 0x10 ? 'kg' : 'lb') : TOLEDO_UNITS[unitCode];
  if (!unit) return ignored('not_weight');
  const weight = TOLEDO_POINT[a & 0x07]!(digits);
  return {
    kind: 'weight',
    weight: `${b & 0x02 ? '-' : ''}${weight}`,
    unit,
    stable: (b & 0x08) === 0,
    mode: b & 0x01 ? 'net' : 'gross',
  };
}

const PARSERS: Record<ScaleFormat, (line: string) => Frame> = { 'st-gs': stGs, plain, toledo };

export function parseFrame(format: ScaleFormat, line: string): Frame {
  return PARSERS[format](line);
}
