import { codeKey } from '../../../shared';
import type { ClashDecision } from '../../../shared/ipc/inputs';
import type { CodeClash } from '../../../shared/ipc/types';

/**
 * The user's decisions from the command line: --recode OLD=NEW gives a local record a new code, --merge CODE
 * merges it onto the server's, and --map merges the rest only where the desk proposes it (same name). A supplier
 * whose name differs is never merged by --map alone: it stays undecided and is listed again.
 */
export function clashDecisions(
  clashes: readonly CodeClash[],
  flags: { map: boolean; merge: string[]; recode: string[] },
): ClashDecision[] {
  const recodes = new Map(
    flags.recode.map((pair) => {
      const [from = '', to = ''] = pair.split('=');
      return [codeKey(from), to.trim()];
    }),
  );
  const merges = new Set(flags.merge.map(codeKey));
  const decisions: ClashDecision[] = [];
  for (const clash of clashes) {
    const key = codeKey(clash.code);
    const code = recodes.get(key);
    if (code !== undefined) decisions.push({ local_uuid: clash.local_uuid, action: 'recode', code });
    else if (merges.has(key) || (flags.map && clash.suggested === 'merge'))
      decisions.push({ local_uuid: clash.local_uuid, action: 'merge' });
  }
  return decisions;
}

/** What the clash listing tells the user to run next. */
export const CLASH_HELP =
  "Run again with --map to merge records whose names match, --merge CODE to merge one anyway, or --recode CODE=NEW to keep this desk's record under a new code.";
