import type { FetchLike } from './http-client';

/**
 * Errors that mean the connection was closed under the request (a keep-alive socket the server had already
 * closed as idle), not that the server is unreachable: a refused connection or a timeout is not among them.
 */
const CLOSED_UNDER_US = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

function closedUnderUs(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === 'string' && CLOSED_UNDER_US.has(code)) return true;
    if (/other side closed|socket hang up/i.test(e.message)) return true;
  }
  return false;
}

/**
 * A fetch that sends a request again when it died on a reused keep-alive socket the server had closed. Safe
 * for every call the desk makes: a push is idempotent by op_id, a pull by its cursor, and a login or refresh
 * repeated only issues another token. Once only: the retry finds a fresh connection (a sequential client holds one), and a connection
 * that keeps being cut is the sync engine's to retry with backoff. Any other failure (refused, timed out,
 * aborted) is passed on at once.
 */
export function retryStaleSockets(fetchImpl: FetchLike, attempts = 2): FetchLike {
  return async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetchImpl(input, init);
      } catch (error) {
        if (attempt >= attempts || init?.signal?.aborted || !closedUnderUs(error)) throw error;
      }
    }
  };
}
