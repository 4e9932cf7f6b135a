import { app, type BrowserWindow, dialog, Menu, powerMonitor } from 'electron';
import { join } from 'node:path';
import { createApi } from '../core/api';
import { createCore, type Core } from '../core/create-core';
import { attachTriggers } from '../core/sync/triggers';
import { wireEvents } from '../core/wire-events';
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
  let core: Core;
  try {
    core = await createCore({
      filename: join(app.getPath('userData'), 'desk.sqlite'),
      secrets: new SafeStorageSecretStore(join(app.getPath('userData'), 'secrets.json')),
      orgTimeZone: process.env.ORG_TIMEZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...(settings.get().serverUrl ? { serverUrl: settings.get().serverUrl } : {}),
    });
  } catch (error) {
    // A database that cannot open is said plainly; nothing is overwritten or reset.
    dialog.showErrorBox(
      'CollectPay cannot open its database',
      `${(error as Error).message}\n\nYour data has not been changed. The file is ${join(app.getPath('userData'), 'desk.sqlite')}. Close other copies of CollectPay, check the disk, and start again; if it persists, contact support with this message.`,
    );
    app.exit(1);
    return;
  }

  const rendererUrl = rendererEntry(app.getAppPath());
  const unregister = registerIpc(
    createApi(
      core,
      settings,
      electronPrinter(() => window),
    ),
    rendererUrl,
  );
  window = createMainWindow({ preloadPath: join(import.meta.dirname, '../preload/index.cjs'), rendererUrl });
  Menu.setApplicationMenu(buildMenu(window, () => core.engine.trigger('manual')));
  const contents = window.webContents;
  const unwire = wireEvents(core, (event, payload) => sendEvent(contents, event, payload));
  const detach = attachTriggers(core.engine, {
    focus: (fire) => {
      app.on('browser-window-focus', fire);
      return () => app.off('browser-window-focus', fire);
    },
    resume: (fire) => {
      powerMonitor.on('resume', fire);
      return () => powerMonitor.off('resume', fire);
    },
    localWrite: (fire) => core.events.on('local-write', fire),
  });

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    detach();
    unwire();
    unregister();
    void core.close();
  });
}
