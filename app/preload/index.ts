import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge } from '../../shared/ipc/contract';
import { CHANNELS, EVENTS, IPC_PREFIX } from '../../shared/ipc/channels';

/**
 * Exposes only the typed contract as window.collectpay: invoke(channel, input) for contract channels and
 * on(event) for contract events. No ipcRenderer, no Node, nothing else crosses.
 */
const channels = new Set<string>(CHANNELS);
const events = new Set<string>(EVENTS);

const bridge: Bridge = {
  invoke(channel, input) {
    if (!channels.has(channel))
      return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `Unknown channel ${channel}` } });
    return ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, input);
  },
  on(event, listener) {
    if (!events.has(event)) return () => undefined;
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(`${IPC_PREFIX}event:${event}`, wrapped);
    return () => ipcRenderer.off(`${IPC_PREFIX}event:${event}`, wrapped);
  },
};

contextBridge.exposeInMainWorld('collectpay', bridge);
window.addEventListener('online', () => void bridge.invoke('app.network', { online: true }));
window.addEventListener('offline', () => void bridge.invoke('app.network', { online: false }));
