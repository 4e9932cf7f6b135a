import { AppError } from '../../../../shared';
import type { ClashDecision } from '../../../../shared/ipc/inputs';
import type { CodeClash } from '../../../../shared/ipc/types';
import type { Core } from '../create-core';
import { checkServer } from '../sync/check-server';
import { findClashes, serverCatalogue } from './join-clashes';
import { applyDecisions, planDecisions } from './join-mapping';
import { SYNC_KEYS, readState, writeState } from '../sync/sync-state';

export interface ConnectResult {
  status: 'connected' | 'clashes';
  message: string;
  clashes: CodeClash[];
  pushed: number;
  pulled: number;
}

/**
 * Connects a desk to a server (first run, or a single-desk office getting a server later): checks the server,
 * signs in, refuses to push anything that would duplicate the server's suppliers or products, then pushes
 * every local record through the normal outbox and pulls the rest. Clashes are only resolved by the user's
 * decision for each one (merge, or a new code): without decisions, or with one missing, they are listed back.
 */
export async function connectDesk(
  core: Core,
  input: { serverUrl: string; email: string; password: string },
  options: { decisions?: readonly ClashDecision[] } = {},
): Promise<ConnectResult> {
  const health = await checkServer(input.serverUrl);
  if (!health.ok) throw new AppError('UNAVAILABLE', health.message);
  const previousMode = await readState(core.db, SYNC_KEYS.mode);
  // Until the check passes the desk stays local: no trigger may push in between.
  await writeState(core.db, SYNC_KEYS.mode, 'connecting');
  try {
    await core.setServerUrl(input.serverUrl);
    await core.auth.login(input.email, input.password, 'CollectPay desk');
    const catalogue = await serverCatalogue(core);
    const clashes = await findClashes(core, catalogue);
    if (clashes.length && !options.decisions) return listed(clashes, 'Map them before joining');
    if (clashes.length) {
      const { planned, undecided } = await planDecisions(core, clashes, options.decisions ?? [], catalogue);
      // A clash the user has not seen (the office added the code meanwhile) is never merged unasked.
      if (undecided.length) return listed(clashes, `Decide about ${undecided.map((c) => c.code).join(', ')} too`);
      await applyDecisions(core, planned);
    }
    await writeState(core.db, SYNC_KEYS.mode, 'server');
    const result = await core.engine.sync('login');
    if (result.outcome === 'error' || result.outcome === 'auth_required')
      throw new AppError('UNAVAILABLE', result.message ?? 'The first sync failed; try again');
    return {
      status: 'connected',
      message: `Connected: sent ${result.pushed}, received ${result.pulled}.`,
      clashes: [],
      pushed: result.pushed,
      pulled: result.pulled,
    };
  } catch (error) {
    if ((await readState(core.db, SYNC_KEYS.mode)) === 'connecting')
      await writeState(core.db, SYNC_KEYS.mode, previousMode ?? 'local');
    throw error;
  } finally {
    if ((await readState(core.db, SYNC_KEYS.mode)) === 'connecting')
      await writeState(core.db, SYNC_KEYS.mode, previousMode ?? 'local');
  }
}

function listed(clashes: CodeClash[], ask: string): ConnectResult {
  return {
    status: 'clashes',
    message: `${clashes.length} record(s) on this desk have codes the server already uses for other records. ${ask}; nothing was sent.`,
    clashes,
    pushed: 0,
    pulled: 0,
  };
}
