import { describe, expect, it } from 'vitest';
import { amountInWords } from './words';

describe('amountInWords', () => {
  it.each([
    [40938, 'USD', 'Four Hundred Nine Dollars And Thirty Eight Cents Only'],
    [100, 'USD', 'One Dollar Only'],
    [101, 'USD', 'One Dollar And One Cent Only'],
    [15000005, 'KES', 'One Hundred Fifty Thousand Kenyan Shillings And Five Cents Only'],
    [1200, 'JPY', 'One Thousand Two Hundred JPY Only'],
    [
      Number.MAX_SAFE_INTEGER,
      'USD',
      'Ninety Trillion Seventy One Billion Nine Hundred Ninety Two Million Five Hundred Forty Seven Thousand Four Hundred Nine Dollars And Ninety One Cents Only',
    ],
  ])('%i %s', (minor, currency, words) => {
    expect(amountInWords(minor, currency)).toBe(words);
  });
});
