import type { FetchLike } from './http-client';

/** Errors that mean the connection was closed under the request, not that the server is unreachable. */
const CLOSED_UNDER_US = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

interface SocketInfo {
  bytesRead?: number;
}

/**
 * True when the request died on a reused keep-alive socket: closed under it (not refused, not timed out) on
 * a socket that had already carried an earlier answer (undici reports the socket's byte counts). A fresh
 * connection cut is not this case: it is the sync engine's to retry with backoff.
 */
function diedOnReusedSocket(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) {
    const { code, socket } = e as Error & { code?: unknown; socket?: SocketInfo };
    if (typeof code === 'string' && CLOSED_UNDER_US.has(code)) return (socket?.bytesRead ?? 0) > 0;
  }
  return false;
}

/**
 * A fetch that sends a request again when it died on a reused keep-alive socket the server had closed as
 * idle. Safe for every call the desk makes: a push is idempotent by op_id, a pull by its cursor, and a login
 * or refresh repeated only issues another token. After a burst of concurrent requests the pool may hold several
 * such sockets, so a few attempts are allowed; any other failure is passed on at once.
 */
export function retryStaleSockets(fetchImpl: FetchLike, attempts = 4): FetchLike {
  return async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetchImpl(input, init);
      } catch (error) {
        if (attempt >= attempts || init?.signal?.aborted || !diedOnReusedSocket(error)) throw error;
      }
    }
  };
}
