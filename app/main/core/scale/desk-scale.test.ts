import { afterEach, describe, expect, it } from 'vitest';
import { isAppError, ScaleSettingsSchema, type ScaleReading } from '../../../../shared';
import type { ScaleLive } from '../../../../shared/ipc/types';
import { DeskScale } from './desk-scale';
import { memoryScalePort } from './memory-scale-port';

const memoryPort = memoryScalePort;

const settings = ScaleSettingsSchema.parse({ port: '/dev/ttyUSB0', baud_rate: 9600, format: 'st-gs' });
const refusal = (scale: DeskScale) => {
  try {
    scale.take();
  } catch (error) {
    return isAppError(error) ? error.fields?.gross_weight_milli : String(error);
  }
  return 'taken';
};
const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

let scale: DeskScale;
afterEach(async () => scale?.stop());

describe('DeskScale', () => {
  it('says there is no scale until one is set up, and refuses to take a weight', async () => {
    scale = new DeskScale(memoryPort().source);
    expect(scale.now().status.state).toBe('none');
    expect(refusal(scale)).toBe('no scale is set up: type the weight');
  });

  it('announces status and weights, refuses an unsteady weight and takes the steady one', async () => {
    const port = memoryPort();
    scale = new DeskScale(port.source);
    const statuses: ScaleLive[] = [];
    const readings: ScaleReading[] = [];
    scale.onStatus((s) => statuses.push(s));
    scale.onReading((r) => readings.push(r));
    await scale.configure(settings);
    await until(() => scale.now().status.state === 'connected');
    expect(refusal(scale)).toBe('the scale sends no weight yet');
    port.frame(12_300, false);
    await until(() => readings.length === 1);
    expect(refusal(scale)).toBe('the weight is not steady yet: wait for “stable”, then take it');
    port.frame(12_345, true);
    await until(() => readings.length === 2);
    expect(scale.take()).toMatchObject({ weight_milli: 12_345, stable: true, unit: 'kg' });
    expect(scale.now().latest?.weight_milli).toBe(12_345);
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'connected']);
    expect(await scale.ports()).toEqual([{ path: '/dev/ttyUSB0', label: '/dev/ttyUSB0 — FTDI' }]);
  });

  it('stops reading when the scale is removed from the settings', async () => {
    scale = new DeskScale(memoryPort().source);
    await scale.configure(settings);
    await until(() => scale.now().status.state === 'connected');
    await scale.configure(null);
    expect(scale.now()).toEqual({ status: expect.objectContaining({ state: 'none' }), latest: null });
  });

  it('on a host with no serial ports, says so instead of failing', async () => {
    scale = new DeskScale(null);
    await scale.configure(settings);
    expect(scale.now().status.message).toBe('This host cannot open serial ports');
    expect(await scale.ports()).toEqual([]);
  });
});
