import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../../shared/ipc/contract';
import { downloadPrinter } from '../../../dev/download-printer';
import { MemorySecretStore } from '../auth/secret-store';
import { JsonSettingsStore } from '../settings';
import { DeskManager } from './desk-manager';

describe('renderers wired to the desk', () => {
  let dir: string;
  let manager: DeskManager | null = null;
  afterEach(async () => {
    await manager?.close();
    manager = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('a renderer unwired (reloaded, closed) hears nothing more, through demo switches too', async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-wire-'));
    manager = await DeskManager.open({
      dataDir: dir,
      settings: new JsonSettingsStore(join(dir, 'settings.json')),
      printer: downloadPrinter().printer,
      secrets: new MemorySecretStore(),
      orgTimeZone: 'UTC',
    });
    const heard = (log: EventName[]) => (event: EventName) => void log.push(event);
    // Eleven reloads of one window: each load wires, each unload unwires.
    const gone: EventName[] = [];
    for (let i = 0; i < 11; i++) manager.wire(heard(gone))();
    const live: EventName[] = [];
    const unwireLive = manager.wire(heard(live));

    manager.core.events.emit('sync.status', manager.core.engine.status);
    expect(gone).toEqual([]);
    expect(live).toEqual(['sync.status']);

    await manager.startDemo();
    await manager.leaveDemo();
    unwireLive();
    live.length = 0;
    manager.core.events.emit('sync.status', manager.core.engine.status);
    expect(gone).toEqual([]);
    expect(live).toEqual([]);
  });
});
