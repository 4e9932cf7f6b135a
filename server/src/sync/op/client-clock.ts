import { formatHlc, parseHlc, type PushOp } from '../../../../shared';
import type { OpEnv } from './env';

/** A client stamp further ahead of the server clock than this is clamped: a fast desk cannot win by lying. */
const MAX_CLOCK_DRIFT_MS = 5_000;

/**
 * The op's HLC stamp as the server trusts it: moved back by the desk's measured clock skew (X-Client-Time),
 * and never later than the server's own clock. A desk whose clock runs an hour fast does not win by lying.
 */
export function trustedStamp(env: OpEnv, op: PushOp): string | null {
  const stamp = op.client_timestamp ? parseHlc(op.client_timestamp) : null;
  if (!stamp) return null;
  const serverNow = msOf(env.now);
  const skew = env.clientSkewMs ?? 0;
  let wallMs = Math.abs(skew) > MAX_CLOCK_DRIFT_MS ? stamp.wallMs - skew : stamp.wallMs;
  if (wallMs > serverNow + MAX_CLOCK_DRIFT_MS) wallMs = serverNow;
  return wallMs === stamp.wallMs ? op.client_timestamp! : formatHlc({ ...stamp, wallMs });
}

/** The batch's `now` in ms, parsed once per batch (every op of a batch shares one). */
let lastNow = '';
let lastNowMs = NaN;
function msOf(now: string): number {
  if (now !== lastNow) {
    lastNowMs = Date.parse(now);
    lastNow = now;
  }
  return lastNowMs;
}
