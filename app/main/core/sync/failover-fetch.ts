import type { FetchLike } from './http-client';

/** Answers that mean "this instance cannot serve now" (down, draining, lost its database): try another. */
const TRY_ANOTHER = new Set([502, 503, 504]);

const withSlash = (address: string) => (address.endsWith('/') ? address : `${address}/`);

export interface FailoverFetch extends FetchLike {
  /** The address requests go to first: the last one that answered. */
  current(): string;
}

/**
 * A fetch over several server addresses of one deployment (instances or load balancers). Requests are built
 * against the first address; each goes to the address that last answered, and when that one cannot be
 * reached or answers 502/503/504 the same request is sent to the next. Safe to repeat: pushes are idempotent
 * by op_id. A request cut by its own deadline is not repeated, but the next one starts at the next address.
 */
export function failoverFetch(addresses: string[], fetchImpl: FetchLike): FailoverFetch {
  const bases = addresses.map(withSlash);
  let current = 0;
  const send = async (input: Parameters<FetchLike>[0], init?: Parameters<FetchLike>[1]): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const base = bases.find((b) => url.startsWith(b));
    if (!base || bases.length === 1) return fetchImpl(input, init);
    const path = url.slice(base.length);
    let failure: unknown;
    for (let k = 0; k < bases.length; k++) {
      const index = (current + k) % bases.length;
      const last = k === bases.length - 1;
      try {
        const response = await fetchImpl(bases[index] + path, init);
        if (TRY_ANOTHER.has(response.status) && !last) {
          await response.body?.cancel().catch(() => undefined);
          continue;
        }
        current = index;
        return response;
      } catch (error) {
        failure = error;
        if (init?.signal?.aborted) {
          current = (index + 1) % bases.length;
          throw error;
        }
      }
    }
    throw failure;
  };
  return Object.assign(send, { current: () => addresses[current]! });
}
