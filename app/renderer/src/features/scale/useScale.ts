import { useEffect, useState } from 'react';
import type { ScaleReading } from '../../../../../shared';
import type { ScaleLive } from '../../../../../shared/ipc/types';
import { call, onEvent } from '../../lib/api';

/** The desk's scale as main reads it: its connection and the latest weight, live from the scale events. */
export function useScale(): { status: ScaleLive | null; latest: ScaleReading | null } {
  const [status, setStatus] = useState<ScaleLive | null>(null);
  const [latest, setLatest] = useState<ScaleReading | null>(null);
  useEffect(() => {
    let live = true;
    call('scale.state', {}).then(
      (now) => {
        if (!live) return;
        setStatus(now.status);
        setLatest(now.latest);
      },
      () => undefined,
    );
    const offStatus = onEvent('scale.status', (s) => {
      setStatus(s);
      // A port that went away takes its last weight with it.
      if (s.state !== 'connected') setLatest(null);
    });
    const offReading = onEvent('scale.reading', setLatest);
    return () => {
      live = false;
      offStatus();
      offReading();
    };
  }, []);
  return { status, latest };
}
