import { app, type BrowserWindow, dialog, Menu, powerMonitor } from 'electron';
import { join } from 'node:path';
import type { Handlers } from '../../../shared/ipc/contract';
import { DeskManager } from '../core/desk/desk-manager';
import { DEMO_COMPANY } from '../core/desk/demo-settings';
import { serialPortSource } from '../serial/serialport-source';
import { electronPrinter } from './electron-printer';
import { electronSettings } from './electron-settings';
import { registerIpc, sendEvent } from './ipc/register-ipc';
import { buildMenu } from './menu';
import { SafeStorageSecretStore } from './safe-storage-secrets';
import { createMainWindow, rendererEntry } from './windows/main-window';

/** Bootstraps the desktop app: one instance, the core on the user's profile, the window, IPC and triggers. */
export async function startShell(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  await app.whenReady();

  const settings = electronSettings();
  // `npm run demo` hands the desk its server's address, and its company unless one is set already.
  if (process.env.COLLECTPAY_SERVER_URL && !settings.get().serverUrl)
    settings.set({ serverUrl: process.env.COLLECTPAY_SERVER_URL });
  if (process.env.COLLECTPAY_DEMO === '1' && !settings.get().companyName) settings.set(DEMO_COMPANY);
  const dataDir = app.getPath('userData');
  let manager: DeskManager;
  try {
    manager = await DeskManager.open({
      dataDir,
      settings,
      printer: electronPrinter(() => window),
      secrets: new SafeStorageSecretStore(join(dataDir, 'secrets.json')),
      scale: serialPortSource,
      // Only until the desk connects: from then on it keeps the office's zone the server sends.
      orgTimeZone: process.env.ORG_TIMEZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      triggers: {
        focus: (fire) => {
          app.on('browser-window-focus', fire);
          return () => app.off('browser-window-focus', fire);
        },
        resume: (fire) => {
          powerMonitor.on('resume', fire);
          return () => powerMonitor.off('resume', fire);
        },
      },
    });
  } catch (error) {
    // A database that cannot open is said plainly; nothing is overwritten or reset.
    dialog.showErrorBox(
      'CollectPay cannot open its database',
      `${(error as Error).message}\n\nYour data has not been changed. The file is ${join(dataDir, 'desk.sqlite')}. Close other copies of CollectPay, check the disk, and start again; if it persists, contact support with this message.`,
    );
    app.exit(1);
    return;
  }

  const rendererUrl = rendererEntry(app.getAppPath());
  const handlers = new Proxy({} as Handlers, {
    get: (_target, channel: string) => (input: never) =>
      (manager.api() as Record<string, (i: never) => unknown>)[channel]!(input),
  });
  const unregister = registerIpc(handlers, rendererUrl);
  window = createMainWindow({ preloadPath: join(import.meta.dirname, '../preload/index.cjs'), rendererUrl });
  Menu.setApplicationMenu(buildMenu(window, () => manager.core.engine.trigger('manual')));
  const contents = window.webContents;
  const unwire = manager.wire((event, payload) => sendEvent(contents, event, payload));

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    unwire();
    unregister();
    void manager.close();
  });
}
