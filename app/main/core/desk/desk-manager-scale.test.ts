import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScaleSettingsSchema } from '../../../../shared';
import type { EventName } from '../../../../shared/ipc/contract';
import { downloadPrinter } from '../../../dev/download-printer';
import { MemorySecretStore } from '../auth/secret-store';
import { memoryScalePort } from '../scale/memory-scale-port';
import { JsonSettingsStore } from '../settings';
import { DeskManager } from './desk-manager';

const SCALE = ScaleSettingsSchema.parse({ port: '/dev/ttyUSB0', baud_rate: 9600, format: 'st-gs' });

describe('the desk’s scale through DeskManager (settings → reader → renderer events)', () => {
  let dir: string;
  let manager: DeskManager | null = null;
  afterEach(async () => {
    await manager?.close();
    manager = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(port: ReturnType<typeof memoryScalePort>) {
    const settings = new JsonSettingsStore(join(dir, 'settings.json'));
    manager = await DeskManager.open({
      dataDir: dir,
      settings,
      printer: downloadPrinter().printer,
      secrets: new MemorySecretStore(),
      orgTimeZone: 'UTC',
      scale: port.source,
    });
    const events: { event: EventName; payload: unknown }[] = [];
    manager.wire((event, payload) => events.push({ event, payload }));
    return { manager, events, of: (name: EventName) => events.filter((e) => e.event === name).map((e) => e.payload) };
  }
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(check()).toBe(true);
  };

  it('starts reading when Settings saves a scale, sends weights to the renderer, and stops when it is removed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'collectpay-desk-scale-'));
    const port = memoryScalePort();
    const { manager, of } = await open(port);
    const api = manager.api();
    expect((await api['scale.state']({})).status.state).toBe('none');
    await api['settings.set']({
      scale: SCALE,
    });
    await until(() => of('scale.status').some((s) => (s as { state: string }).state === 'connected'));
    port.frame(7_250, true);
    await until(() => of('scale.reading').length === 1);
    expect(of('scale.reading')[0]).toMatchObject({ weight_milli: 7_250, stable: true });
    expect(await api['scale.take']({})).toMatchObject({ weight_milli: 7_250 });
    expect(await api['scale.ports']({})).toEqual([{ path: '/dev/ttyUSB0', label: '/dev/ttyUSB0 — FTDI' }]);

    // The Settings form saves everything, the scale unchanged with it: the running scale is left alone.
    await api['settings.set']({ ...(await api['settings.get']({})), companyName: 'Kiambu Growers' });
    expect(port.opens()).toBe(1);

    await api['settings.set']({ scale: null });
    expect((await api['scale.state']({})).status.state).toBe('none');
    await expect(api['scale.take']({})).rejects.toMatchObject({
      fields: { gross_weight_milli: 'no scale is set up: type the weight' },
    });
  });

  it('a desk reopened with a scale in its settings reads it at once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'collectpay-desk-scale-'));
    new JsonSettingsStore(join(dir, 'settings.json')).set({
      scale: SCALE,
    });
    const port = memoryScalePort();
    const { manager } = await open(port);
    await until(() => manager.scale.now().status.state === 'connected');
    expect(port.opens()).toBe(1);
  });
});
