import type { ScaleFormat, ScaleUnit } from '../../../shared';
import { encodeFrame } from '../core/scale/frame-encoder';
import type { VirtualScale } from './virtual-scale';

/** One thing the simulated scale sends, then how long it waits before the next. */
interface SimulatedTick {
  bytes: string;
  waitMs: number;
}

const TICK_MS = 100;
/** The last digits wobble as a load settles (thousandths), then hold. */
const SETTLE = [35, -20, 12, -8, 5, -3, 1, 0];

/**
 * A delivery on the platform, as a real scale reports it ten times a second: empty, loading, settling, steady
 * for three seconds, taken off — plus one garbage line, as noisy cables send. Deterministic, so a try-out or
 * an end-to-end test sees the same sequence every time.
 */
function weighingCycle(format: ScaleFormat, unit: ScaleUnit, weightMilli: number): SimulatedTick[] {
  const frame = (weight_milli: number, stable: boolean) => ({
    bytes: encodeFrame(format, { weight_milli, unit, stable, mode: 'gross' }),
    waitMs: TICK_MS,
  });
  const ticks: SimulatedTick[] = [];
  for (let i = 0; i < 10; i++) ticks.push(frame(0, true));
  for (let i = 1; i <= 8; i++) ticks.push(frame(Math.trunc((weightMilli * i) / 8), false));
  for (const wobble of SETTLE) ticks.push(frame(weightMilli + wobble, false));
  ticks.push({ bytes: '\u0000#?~ line noise\r\n', waitMs: 0 });
  for (let i = 0; i < 30; i++) ticks.push(frame(weightMilli, true));
  for (let i = 4; i >= 0; i--) ticks.push(frame(Math.trunc((weightMilli * i) / 5), false));
  return ticks;
}

/** Plays deliveries of the given weights in turn until `signal` aborts. */
export async function playScale(
  scale: VirtualScale,
  format: ScaleFormat,
  unit: ScaleUnit,
  weightsMilli: number[],
  signal: AbortSignal,
): Promise<void> {
  for (let n = 0; !signal.aborted; n++) {
    for (const tick of weighingCycle(format, unit, weightsMilli[n % weightsMilli.length]!)) {
      if (signal.aborted) return;
      scale.send(tick.bytes);
      if (tick.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, tick.waitMs));
    }
  }
}
