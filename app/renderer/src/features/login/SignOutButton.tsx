import { useState } from 'react';
import type { SessionInfo } from '../../../../../shared/ipc/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { call } from '../../lib/api';

/**
 * Signing out tries to send this user's unsent changes first: the next user's token may not be allowed to send
 * them. What could not be sent (offline) is said before the sign-out goes ahead; it stays queued on the desk.
 */
export function SignOutButton({ signedOut }: { signedOut(session: SessionInfo): Promise<void> | void }) {
  const [phase, setPhase] = useState<'idle' | 'sending'>('idle');
  const [unsent, setUnsent] = useState(0);

  async function signOut() {
    await signedOut(await call('session.logout', {}));
  }
  async function start() {
    const before = await call('session.unsent', {});
    const info = await call('session.info', {});
    if (before.count > 0 && info.serverUrl) {
      setPhase('sending');
      // Offline or refused: whatever is left is counted below.
      await call('sync.now', {}).catch(() => undefined);
      setPhase('idle');
    }
    const left = before.count > 0 ? (await call('session.unsent', {})).count : 0;
    if (left > 0) setUnsent(left);
    else await signOut();
  }

  return (
    <>
      <button type="button" className="link" disabled={phase === 'sending'} onClick={() => void start()}>
        {phase === 'sending' ? 'Sending your changes…' : 'Sign out'}
      </button>
      {unsent > 0 ? (
        <ConfirmDialog
          title="Sign out with unsent changes?"
          confirmLabel="Sign out"
          onConfirm={async () => {
            setUnsent(0);
            await signOut();
          }}
          onCancel={() => setUnsent(0)}
        >
          <p>
            {unsent} {unsent === 1 ? 'change' : 'changes'} not yet sent. They stay on this desk and will be sent when a
            user allowed to make them signs in again.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
