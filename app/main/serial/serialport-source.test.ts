import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScaleReading, ScaleSettingsInput } from '../../../shared';
import { encodeFrame } from '../core/scale/frame-encoder';
import { ScaleReader } from '../core/scale/scale-reader';
import { serialPortSource } from './serialport-source';
import { VirtualScale } from './virtual-scale';

/**
 * The real serialport adapter on a pseudo-terminal pair: socat links two ptys, the test plays a scale on one
 * end and the ScaleReader reads the other, exactly as it would a USB-serial cable.
 */

let scale: VirtualScale;
let reader: ScaleReader | null = null;

beforeEach(async () => {
  scale = new VirtualScale();
  await scale.start();
});

afterEach(async () => {
  await reader?.stop();
  reader = null;
  await scale.dispose();
});

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms)
      throw new Error(`timed out waiting for ${what}; the reader says: ${JSON.stringify(reader?.status)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function read(settings: Partial<ScaleSettingsInput>) {
  reader = new ScaleReader({
    source: serialPortSource,
    settings: { port: scale.deskPath, baud_rate: 9600, format: 'st-gs', ...settings },
    reconnectMs: 100,
    // A pty hang-up is now and then missed by the driver; the silence watchdog catches it, as it would a
    // wedged USB adapter.
    silenceMs: 1000,
  });
  const readings: ScaleReading[] = [];
  reader.onReading((r) => readings.push(r));
  reader.start();
  return { reader, readings };
}

describe('serial scale over a pseudo-terminal', () => {
  it('reads a loading, settling and stable st-gs scale, ignoring the noise', async () => {
    const { reader, readings } = read({});
    await until(() => reader.status.state === 'connected', 'the port to open');
    const frames = [
      { weight_milli: 3_120, stable: false },
      { weight_milli: 11_870, stable: false },
      { weight_milli: 12_350, stable: false },
      { weight_milli: 12_345, stable: true },
      { weight_milli: 12_345, stable: true },
    ].map((f) => encodeFrame('st-gs', { ...f, unit: 'kg', mode: 'gross' }));
    scale.send(frames.slice(0, 2).join('') + '\u0000\u00ff\u00fe line noise\r\n' + frames.slice(2).join(''));
    await until(() => readings.length === 5, 'five readings');
    expect(readings.map((r) => [r.weight_milli, r.stable])).toEqual([
      [3_120, false],
      [11_870, false],
      [12_350, false],
      [12_345, true],
      [12_345, true],
    ]);
    expect(reader.stableReading()).toMatchObject({ weight_milli: 12_345, unit: 'kg', stable: true, mode: 'gross' });
    expect(reader.stats()).toMatchObject({ lines: 6, readings: 5, ignored: 1, byReason: { unreadable: 1 } });
  });

  it('reads binary Toledo frames, checksum bytes and all', async () => {
    const { reader, readings } = read({ format: 'toledo' });
    await until(() => reader.status.state === 'connected', 'the port to open');
    for (const [weight_milli, stable] of [
      [24_760, false],
      [24_755, true],
    ] as const)
      scale.send(encodeFrame('toledo', { weight_milli, unit: 'kg', stable, mode: 'gross' }));
    await until(() => readings.length === 2, 'two readings');
    expect(readings.map((r) => [r.weight_milli, r.stable])).toEqual([
      [24_760, false],
      [24_755, true],
    ]);
  });

  it('counts N equal plain readings as stable', async () => {
    const { reader, readings } = read({ format: 'plain', stable_count: 3, stable_window_ms: 5_000 });
    await until(() => reader.status.state === 'connected', 'the port to open');
    for (const weight_milli of [880, 905, 905, 905])
      scale.send(encodeFrame('plain', { weight_milli, unit: 'kg', stable: false, mode: null }));
    await until(() => readings.length === 4, 'four readings');
    expect(readings.map((r) => r.stable)).toEqual([false, false, false, true]);
  });

  it('notices the cable pulled out, and reads again when it is back', async () => {
    const { reader, readings } = read({ baud_rate: 19200 });
    await until(() => reader.status.state === 'connected', 'the port to open');
    scale.send('ST,GS,+   1.000kg\r\n');
    await until(() => readings.length === 1, 'the first reading');
    await scale.stop();
    await until(() => reader.status.state === 'disconnected', 'the disconnect');
    expect(reader.latest).toBeNull();
    await until(() => /^Cannot open .*: no such port: check the cable/.test(reader.status.message), 'a clear reason');
    await scale.start();
    await until(() => reader.status.state === 'connected', 'the reconnect');
    scale.send('ST,GS,+   2.000kg\r\n');
    await until(() => readings.length === 2, 'a reading after reconnecting');
    expect(readings[1]).toMatchObject({ weight_milli: 2_000, stable: true });
  });

  it('lists ports without failing', async () => {
    await expect(serialPortSource.list()).resolves.toBeInstanceOf(Array);
  });
});
