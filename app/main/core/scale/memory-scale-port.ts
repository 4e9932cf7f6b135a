import { encodeFrame } from './frame-encoder';
import type { ScaleSource } from './scale-source';

/**
 * A serial port in memory for tests of what sits above the reader (no pseudo-terminal needed): `frame()` sends
 * what an st-gs scale would down whichever link is open. The real port is tested over socat.
 */
export function memoryScalePort() {
  let feed: ((chunk: Uint8Array) => void) | null = null;
  let opens = 0;
  const source: ScaleSource = {
    open: async () => {
      opens++;
      return {
        onData: (listener) => (feed = listener),
        onClose: () => undefined,
        close: async () => void (feed = null),
      };
    },
    list: async () => [{ path: '/dev/ttyUSB0', manufacturer: 'FTDI', serialNumber: null }],
  };
  const frame = (weight_milli: number, stable: boolean) =>
    feed?.(Buffer.from(encodeFrame('st-gs', { weight_milli, unit: 'kg', stable, mode: 'gross' }), 'latin1'));
  return { source, frame, opens: () => opens };
}
