import { describe, expect, it } from 'vitest';
import { serverAddressesField, splitServerAddresses } from './server-addresses';

describe('server addresses', () => {
  it('splits a list on commas and spaces, in the order given', () => {
    expect(splitServerAddresses(' http://a:8787,http://b:8787 ,  https://lb.example ')).toEqual([
      'http://a:8787',
      'http://b:8787',
      'https://lb.example',
    ]);
    expect(splitServerAddresses('')).toEqual([]);
  });

  it('accepts one address or several, and names the bad one', () => {
    const field = serverAddressesField();
    expect(field.safeParse('http://server:8787').success).toBe(true);
    expect(field.safeParse('http://a:8787, http://b:8787').success).toBe(true);
    const bad = field.safeParse('http://a:8787, ftp://b');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe(
      '"ftp://b" must be an http(s) address such as http://server:8787 (several: separate them with commas)',
    );
    expect(field.safeParse('').success).toBe(false);
    expect(serverAddressesField({ optional: true }).safeParse('').success).toBe(true);
    expect(
      field.safeParse(Array.from({ length: 6 }, (_, i) => `http://s${i}`).join(',')).error?.issues[0]?.message,
    ).toBe('must list at most 5 addresses');
  });
});
