import { toDecimalString, type ScaleReading } from '../../../../../shared';
import type { ScaleLive } from '../../../../../shared/ipc/types';

/** What the scale shows, for the entry screen and the scale settings: weight, and stable / unstable / off. */
export function LiveWeight({ status, latest }: { status: ScaleLive | null; latest: ScaleReading | null }) {
  if (!status || status.state === 'none') return null;
  const connected = status.state === 'connected';
  const state = !connected ? 'disconnected' : !latest ? 'waiting' : latest.stable ? 'stable' : 'unstable';
  const label = {
    disconnected: 'Disconnected',
    waiting: 'No weight yet',
    stable: 'Stable',
    unstable: 'Unstable',
  }[state];
  return (
    <div className={`live-weight live-weight--${state}`} aria-live="polite" title={status.message}>
      <span className="live-weight__value" data-testid="live-weight">
        {connected && latest ? `${toDecimalString(latest.weight_milli, 3)} ${latest.unit}` : '—'}
      </span>
      <span className="live-weight__state" data-testid="scale-state">
        {label}
      </span>
      {!connected ? <span className="live-weight__message small">{status.message}</span> : null}
    </div>
  );
}
