import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, isTrustedUrl, secureWebPreferences } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  /** The renderer's entry: a file:// URL when packaged, the dev server's URL in development. */
  rendererUrl: string;
}

/** The hardened main window: no new windows, no navigation away, no permissions, CSP on every response. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'CollectPay',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, options.rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.rendererUrl);
  return window;
}

export function rendererEntry(appPath: string): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev ?? `file://${join(appPath, 'out/renderer/index.html')}`;
}
