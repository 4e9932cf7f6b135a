import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter';

function split(chunks: string[], maxLength = 256) {
  const lines: string[] = [];
  let tooLong = 0;
  const splitter = new LineSplitter(
    (l) => lines.push(l),
    () => tooLong++,
    maxLength,
  );
  for (const chunk of chunks) splitter.push(Buffer.from(chunk, 'latin1'));
  return { lines, tooLong };
}

describe('LineSplitter', () => {
  it('cuts at CR, LF and CRLF, across chunk boundaries, skipping empty lines', () => {
    expect(split(['ST,GS,+  1', '2.345kg\r\nUS', ',GS,+  1.000kg\r', '\n\rplain 3\n'])).toEqual({
      lines: ['ST,GS,+  12.345kg', 'US,GS,+  1.000kg', 'plain 3'],
      tooLong: 0,
    });
  });

  it('keeps binary bytes one to one', () => {
    expect(split(['\u0002\u00ad\u00b0\u0020012345000000\r']).lines).toEqual(['\u0002\u00ad\u00b0\u0020012345000000']);
  });

  it('drops an overlong line whole, once, and carries on with the next', () => {
    expect(split(['x'.repeat(20), 'y'.repeat(20), 'z\r\nok\r\n'], 16)).toEqual({ lines: ['ok'], tooLong: 1 });
    expect(split([`${'x'.repeat(30)}\r\nok\r\n`], 16)).toEqual({ lines: ['ok'], tooLong: 1 });
  });

  it('gives the same lines however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z0-9 ,.+-]{1,30}$/), { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }),
        (lines, sizes) => {
          const stream = lines.map((l) => `${l}\r\n`).join('');
          const chunks: string[] = [];
          for (let at = 0, i = 0; at < stream.length; i++) {
            const size = sizes[i % sizes.length]!;
            chunks.push(stream.slice(at, at + size));
            at += size;
          }
          expect(split(chunks).lines).toEqual(lines);
        },
      ),
    );
  });
});
