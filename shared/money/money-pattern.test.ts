import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDecimalString } from './decimal';
import { currencyScale, moneyFormatterOf } from './money';
import { patternMoneyFormatter } from './money-pattern';

const intlText = (locale: string, currency: string, minor: number) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    toDecimalString(minor, currencyScale(currency)) as unknown as number,
  );

describe("amounts set by Intl's own pattern", () => {
  it('is used for the common formats, and not where grouping is not by threes (Indian lakh)', () => {
    const pattern = (locale: string, currency: string) =>
      patternMoneyFormatter(new Intl.NumberFormat(locale, { style: 'currency', currency }), currencyScale(currency));
    expect(pattern('en-US', 'USD')).not.toBeNull();
    expect(pattern('en-KE', 'KES')).not.toBeNull();
    expect(pattern('ja-JP', 'JPY')).not.toBeNull();
    expect(pattern('en-IN', 'INR')).toBeNull();
  });

  it("gives Intl's exact text for every amount, in any locale and currency (pattern or not)", () => {
    const locales = [
      'en-US',
      'en-KE',
      'sw-KE',
      'en-IN',
      'de-DE',
      'de-CH',
      'fr-FR',
      'es-ES',
      'ja-JP',
      'ar-EG',
      'sv-SE',
      'he-IL',
    ];
    const currencies = ['USD', 'KES', 'JPY', 'KWD', 'EUR', 'INR', 'UGX'];
    fc.assert(
      fc.property(
        fc.constantFrom(...locales),
        fc.constantFrom(...currencies),
        fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.integer({ min: -99_999, max: 99_999 })),
        (locale, currency, minor) => {
          expect(moneyFormatterOf({ locale, currency })(minor)).toBe(intlText(locale, currency, minor));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
