import { ToWords } from 'to-words';
import { currencyScale } from './money';
import { toDecimalString } from './decimal';

/** Names for the currencies our offices use; any other prints its ISO code. */
const CURRENCY_NAMES: Record<string, { name: string; plural: string; fraction: string; fractionPlural: string }> = {
  USD: { name: 'Dollar', plural: 'Dollars', fraction: 'Cent', fractionPlural: 'Cents' },
  KES: { name: 'Kenyan Shilling', plural: 'Kenyan Shillings', fraction: 'Cent', fractionPlural: 'Cents' },
  UGX: { name: 'Ugandan Shilling', plural: 'Ugandan Shillings', fraction: 'Cent', fractionPlural: 'Cents' },
  TZS: { name: 'Tanzanian Shilling', plural: 'Tanzanian Shillings', fraction: 'Cent', fractionPlural: 'Cents' },
  EUR: { name: 'Euro', plural: 'Euros', fraction: 'Cent', fractionPlural: 'Cents' },
  GBP: { name: 'Pound', plural: 'Pounds', fraction: 'Penny', fractionPlural: 'Pence' },
  INR: { name: 'Rupee', plural: 'Rupees', fraction: 'Paisa', fractionPlural: 'Paise' },
  LKR: { name: 'Rupee', plural: 'Rupees', fraction: 'Cent', fractionPlural: 'Cents' },
  NGN: { name: 'Naira', plural: 'Naira', fraction: 'Kobo', fractionPlural: 'Kobo' },
  GHS: { name: 'Cedi', plural: 'Cedis', fraction: 'Pesewa', fractionPlural: 'Pesewas' },
};

const words = new ToWords({ localeCode: 'en-US' });

/**
 * "Four Hundred Nine Dollars And Thirty Eight Cents Only". The whole and fractional parts are converted as
 * separate integers (the library's own currency mode goes through a float and drops cents on large sums).
 */
export function amountInWords(minor: number, currency: string): string {
  const names = CURRENCY_NAMES[currency] ?? {
    name: currency,
    plural: currency,
    fraction: 'Cent',
    fractionPlural: 'Cents',
  };
  const scale = currencyScale(currency);
  const [wholeText = '0', fractionText = ''] = toDecimalString(Math.abs(minor), scale).split('.');
  const whole = Number(wholeText);
  const fraction = fractionText ? Number(fractionText) : 0;
  const parts = [`${words.convert(whole)} ${whole === 1 ? names.name : names.plural}`];
  if (fraction > 0) parts.push(`${words.convert(fraction)} ${fraction === 1 ? names.fraction : names.fractionPlural}`);
  return `${minor < 0 ? 'Minus ' : ''}${parts.join(' And ')} Only`;
}
