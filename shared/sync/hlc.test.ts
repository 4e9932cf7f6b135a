import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlcStrings, formatHlc, HybridLogicalClock, parseHlc } from './hlc';

describe('HybridLogicalClock', () => {
  it('has a string form that parses back', () => {
    const text = '2026-11-20T07:45:03.120Z-0003-dev1';
    const stamp = parseHlc(text);
    expect(stamp).toEqual({ wallMs: Date.parse('2026-11-20T07:45:03.120Z'), counter: 3, node: 'dev1' });
    expect(formatHlc(stamp!)).toBe(text);
    expect(parseHlc('garbage')).toBeNull();
  });

  it('never runs backwards even when the wall clock does', () => {
    let wall = 1_000_000;
    const clock = new HybridLogicalClock('a', () => wall);
    const stamps: string[] = [];
    for (const step of [0, 5, -100, 0, 0, 3, -1]) {
      wall += step;
      stamps.push(clock.now());
    }
    for (let i = 1; i < stamps.length; i++) expect(compareHlcStrings(stamps[i - 1]!, stamps[i]!)).toBe(-1);
  });

  it('orders a stamp made after receiving one after it, whatever the local wall clock says', () => {
    const ahead = new HybridLogicalClock('fast', () => Date.parse('2026-11-20T09:00:00Z'));
    const behind = new HybridLogicalClock('slow', () => Date.parse('2026-11-20T08:00:00Z'));
    const early = ahead.now();
    behind.receive(early);
    const later = behind.now();
    expect(compareHlcStrings(early, later)).toBe(-1);
  });

  it('is a total order consistent with string sort for fixed-width nodes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            wallMs: fc.integer({ min: 0, max: 4_000_000_000_000 }),
            counter: fc.integer({ min: 0, max: 0xffff }),
            node: fc.constantFrom('dev1', 'dev2', 'dev3'),
          }),
          { minLength: 2, maxLength: 20 },
        ),
        (stamps) => {
          const texts = stamps.map(formatHlc);
          const byOrder = [...texts].sort(compareHlcStrings);
          const byText = [...texts].sort();
          expect(byOrder).toEqual(byText);
        },
      ),
    );
  });
});
