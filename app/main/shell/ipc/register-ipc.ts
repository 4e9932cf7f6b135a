import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, IPC_PREFIX, type Handlers } from '../../../../shared/ipc/contract';
import { dispatch } from '../../core/dispatch';
import { isTrustedUrl } from '../windows/security';

/**
 * One ipcMain handler per contract channel. Each call must come from the app's own main frame, and its input
 * must pass the channel's schema (dispatch) before the handler runs.
 */
export function registerIpc(handlers: Handlers, trustedOrigin: string): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(`${IPC_PREFIX}${channel}`, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, trustedOrigin)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the CollectPay window' },
        };
      }
      return dispatch(handlers, channel, input);
    });
  }
  return () => CHANNELS.forEach((channel) => ipcMain.removeHandler(`${IPC_PREFIX}${channel}`));
}

function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, trustedOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isTrustedUrl(frame.url, trustedOrigin);
}

export function sendEvent(contents: WebContents, event: string, payload: unknown): void {
  if (!contents.isDestroyed()) contents.send(`${IPC_PREFIX}event:${event}`, payload);
}
