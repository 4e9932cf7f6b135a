import { compareHlcStrings } from '../../../../shared';
import type { ServerRow } from '../rows';

/** Under last_write_wins the later causal stamp wins; a client without a (trusted) stamp never does. */
export function clientWins(stamp: string | null, current: ServerRow): boolean {
  return !!stamp && (!current.last_hlc || compareHlcStrings(stamp, current.last_hlc) > 0);
}
