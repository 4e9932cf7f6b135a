import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, IPC_PREFIX, type Handlers } from '../../../../shared/ipc/contract';

const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (name: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => registered.set(name, fn),
    removeHandler: (name: string) => registered.delete(name),
  },
}));

const { registerIpc } = await import('./register-ipc');

const APP = 'file:///app/out/renderer/index.html';
function eventFrom(url: string, main = true) {
  const frame = { url };
  return { senderFrame: frame, sender: { mainFrame: main ? frame : { url } } };
}

describe('registerIpc', () => {
  const handlers = new Proxy({} as Handlers, {
    get: (_t, channel: string) => async (input: unknown) => ({ channel, input }),
  });

  it('registers exactly one handler per contract channel', () => {
    const unregister = registerIpc(handlers, APP);
    expect([...registered.keys()].sort()).toEqual(CHANNELS.map((c) => `${IPC_PREFIX}${c}`).sort());
    unregister();
    expect(registered.size).toBe(0);
  });

  it('refuses calls from other origins and from sub-frames', async () => {
    registerIpc(handlers, APP);
    const call = registered.get(`${IPC_PREFIX}suppliers.list`)!;
    expect(await call(eventFrom('https://evil.example/'), {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(eventFrom(APP, false), {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(eventFrom(APP), { search: 'x' })).toEqual({
      ok: true,
      value: { channel: 'suppliers.list', input: { search: 'x' } },
    });
  });

  it('validates input against the channel schema before the handler runs', async () => {
    registerIpc(handlers, APP);
    const call = registered.get(`${IPC_PREFIX}payments.void`)!;
    expect(await call(eventFrom(APP), { uuid: 'nope', reason: '' })).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        fields: { uuid: 'must be a UUID', reason: 'must say why (at least 3 characters)' },
      },
    });
  });
});
