import { useState } from 'react';
import { createPortal } from 'react-dom';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { call } from '../../lib/api';

/** "Leave demo" deletes the demo database: it asks first, since anything tried in the demo goes with it. */
export function LeaveDemoButton({ left }: { left(): Promise<void> }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="small" onClick={() => setAsking(true)}>
        Leave demo
      </button>
      {/* Outside the banner: the banner is a live region and would read the whole dialog out. */}
      {asking
        ? createPortal(
            <ConfirmDialog
              title="Leave the demo?"
              confirmLabel="Delete demo data and leave"
              onCancel={() => setAsking(false)}
              onConfirm={async () => {
                await call('setup.leaveDemo', {});
                setAsking(false);
                await left();
              }}
            >
              <p>
                The demo database on this computer is deleted, with anything you recorded in it. Your own settings stay
                as they were.
              </p>
            </ConfirmDialog>,
            document.body,
          )
        : null}
    </>
  );
}
