import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, SCALE_FORMATS, SCALE_UNITS } from '../../../../shared';
import { encodeFrame, type FrameFields } from './frame-encoder';
import { parseFrame } from './frames';

const weight = (w: string, extra: object = {}) => ({ kind: 'weight', weight: w, ...extra });

/** A Toledo frame from its parts (status bytes as numbers), CR-terminated, no checksum. */
const toledo = (swa: number, swb: number, swc: number, digits: string, tare = '000000') =>
  `\u0002${String.fromCharCode(swa, swb, swc)}${digits}${tare}`;

describe('st-gs frames', () => {
  it.each([
    ['ST,GS,+  12.345kg', weight('12.345', { unit: 'kg', stable: true, mode: 'gross' })],
    ['US,GS,+  12.340kg', weight('12.340', { unit: 'kg', stable: false, mode: 'gross' })],
    ['ST,NT,-   0.120 kg', weight('-0.120', { unit: 'kg', stable: true, mode: 'net' })],
    ['ST,GS,+0012.345KG', weight('0012.345', { unit: 'kg', stable: true, mode: 'gross' })],
    ['ST,+00012.34  lb', weight('00012.34', { unit: 'lb', stable: true, mode: null })],
    ['ST,GS,    1200 g', weight('1200', { unit: 'g', stable: true, mode: 'gross' })],
    ['ST,GS,+  12.345', weight('12.345', { unit: null, stable: true, mode: 'gross' })],
  ])('%j', (line, frame) => {
    expect(parseFrame('st-gs', line)).toEqual(frame);
  });

  it.each([
    ['OL,GS,+9999.999kg', 'overload'],
    ['OL,GS,        kg', 'overload'],
    ['ST,TR,+   1.000kg', 'not_weight'],
    ['QT,+000012  PC', 'unreadable'],
    ['ST,GS,+000012  PC', 'not_weight'],
    ['ST,GS,+12.3.4kg', 'unreadable'],
    ['ST,GS,kg', 'unreadable'],
    ['12.345 kg', 'unreadable'],
    ['\u0000\u00ff\u0013', 'unreadable'],
  ])('ignores %j as %s', (line, reason) => {
    expect(parseFrame('st-gs', line)).toEqual({ kind: 'ignored', reason });
  });
});

describe('plain frames', () => {
  it.each([
    ['   12.345 kg', weight('12.345', { unit: 'kg', stable: null, mode: null })],
    ['12.345kg', weight('12.345', { unit: 'kg', stable: null, mode: null })],
    ['  -0.005', weight('-0.005', { unit: null, stable: null, mode: null })],
    ['  +25 lbs', weight('25', { unit: 'lb', stable: null, mode: null })],
  ])('%j', (line, frame) => {
    expect(parseFrame('plain', line)).toEqual(frame);
  });

  it.each([
    ['ST,GS,+  12.345kg', 'unreadable'],
    ['12,345 kg', 'unreadable'],
    ['12.345 %', 'unreadable'],
    ['12.345 pcs', 'not_weight'],
  ])('ignores %j as %s', (line, reason) => {
    expect(parseFrame('plain', line)).toEqual({ kind: 'ignored', reason });
  });
});

describe('toledo frames', () => {
  // SWA 0x2D: point XXX.XXX (code 5), ×1 increments; SWB 0x30: kg, gross, positive, steady; SWC 0x20: per SWB.
  it('reads weight, point, sign, motion, net and units from the status bytes', () => {
    expect(parseFrame('toledo', toledo(0x2d, 0x30, 0x20, '012345'))).toEqual(
      weight('012.345', { unit: 'kg', stable: true, mode: 'gross' }),
    );
    expect(parseFrame('toledo', toledo(0x2d, 0x30 | 0x08 | 0x02 | 0x01, 0x20, '000120'))).toEqual(
      weight('-000.120', { unit: 'kg', stable: false, mode: 'net' }),
    );
    expect(parseFrame('toledo', toledo(0x2a, 0x20, 0x20, '001250'))).toEqual(
      weight('001250', { unit: 'lb', stable: true, mode: 'gross' }),
    );
    expect(parseFrame('toledo', toledo(0x28, 0x30, 0x21, '000125'))).toEqual(
      weight('00012500', { unit: 'g', stable: true, mode: 'gross' }),
    );
    // A parity bit set on every byte (7E1 read as 8 bits) changes nothing; nor does a checksum byte before STX.
    const withParity = Array.from(toledo(0x2d, 0x30, 0x20, '012345'), (c) =>
      String.fromCharCode(c.charCodeAt(0) | 0x80),
    ).join('');
    expect(parseFrame('toledo', `\u0055${withParity.replace('\u0082', '\u0002')}`)).toMatchObject({
      weight: '012.345',
    });
  });

  it.each([
    ['over capacity', toledo(0x2d, 0x30 | 0x04, 0x20, '999999'), 'overload'],
    ['powering up', toledo(0x2d, 0x30 | 0x40, 0x20, '000000'), 'not_weight'],
    ['troy ounces', toledo(0x2d, 0x30, 0x24, '000100'), 'not_weight'],
    ['no STX', '\u002d\u0030\u0020012345000000', 'unreadable'],
    ['short', toledo(0x2d, 0x30, 0x20, '0123'), 'unreadable'],
    ['letters in the weight', toledo(0x2d, 0x30, 0x20, '01A345'), 'unreadable'],
    ['status byte without bit 5', toledo(0x0d, 0x30, 0x20, '012345'), 'unreadable'],
  ])('ignores a frame %s', (_name, line, reason) => {
    expect(parseFrame('toledo', line)).toEqual({ kind: 'ignored', reason });
  });
});

describe('every format', () => {
  const fields = fc.record<FrameFields>({
    weight_milli: fc.integer({ min: -999_999, max: 999_999 }),
    unit: fc.constantFrom(...SCALE_UNITS),
    stable: fc.boolean(),
    mode: fc.constantFrom('gross' as const, 'net' as const),
  });

  it('parses what a scale sends back to the same weight (encode → parse)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCALE_FORMATS), fields, (format, f) => {
        const line = encodeFrame(format, f).split(/[\r\n]/)[0]!;
        const frame = parseFrame(format, line);
        expect(frame.kind).toBe('weight');
        if (frame.kind !== 'weight') return;
        const parsed = parseDecimal(frame.weight, { scale: 3, allowNegative: true });
        expect(parsed).toEqual({ ok: true, value: f.weight_milli });
        expect(frame.unit).toBe(f.unit);
        if (format !== 'plain') expect([frame.stable, frame.mode]).toEqual([f.stable, f.mode]);
      }),
    );
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCALE_FORMATS), fc.string({ unit: 'binary', maxLength: 80 }), (format, line) => {
        const frame = parseFrame(format, line);
        expect(['weight', 'ignored']).toContain(frame.kind);
      }),
      { numRuns: 2000 },
    );
  });
});
