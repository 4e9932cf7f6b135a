import { z } from 'zod';

/** A desk may name several server addresses (instances, or load balancers): they are tried in this order. */
const MAX_SERVER_ADDRESSES = 5;

const ADDRESS_MESSAGE = 'must be an http(s) address such as http://server:8787 (several: separate them with commas)';
const httpUrl = z.url({ protocol: /^https?$/ });

/** "http://a:8787, http://b:8787" → ["http://a:8787", "http://b:8787"]. */
export function splitServerAddresses(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((address) => address.trim())
    .filter(Boolean);
}

/** One server address, or several separated by commas; `optional` also accepts "" (no server yet). */
export function serverAddressesField(options: { optional?: boolean } = {}) {
  return z.string().superRefine((text, ctx) => {
    const addresses = splitServerAddresses(text);
    if (addresses.length === 0) {
      if (!options.optional) ctx.addIssue({ code: 'custom', message: ADDRESS_MESSAGE });
      return;
    }
    if (addresses.length > MAX_SERVER_ADDRESSES) {
      ctx.addIssue({ code: 'custom', message: `must list at most ${MAX_SERVER_ADDRESSES} addresses` });
      return;
    }
    const bad = addresses.find((address) => !httpUrl.safeParse(address).success);
    if (bad) ctx.addIssue({ code: 'custom', message: `"${bad}" ${ADDRESS_MESSAGE}` });
  });
}
