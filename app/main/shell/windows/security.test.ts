import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const created: { options: Record<string, unknown>; handlers: Record<string, (...args: unknown[]) => unknown> }[] = [];
const session = {
  permission: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  headers: undefined as
    undefined | ((details: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void),
};

vi.mock('electron', () => {
  class BrowserWindow {
    handlers: Record<string, (...args: unknown[]) => unknown> = {};
    webContents = {
      setWindowOpenHandler: (fn: (...args: unknown[]) => unknown) => (this.handlers.windowOpen = fn),
      on: (event: string, fn: (...args: unknown[]) => unknown) => (this.handlers[event] = fn),
    };
    constructor(public options: Record<string, unknown>) {
      created.push({ options, handlers: this.handlers });
    }
    once() {}
    loadURL() {
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    shell: { openExternal: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof session.permission) => (session.permission = fn),
        webRequest: { onHeadersReceived: (fn: typeof session.headers) => (session.headers = fn) },
      },
    },
  };
});

const { createMainWindow } = await import('./main-window');
const { CONTENT_SECURITY_POLICY, isTrustedUrl } = await import('./security');

describe('the main window is hardened', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it('runs the renderer isolated, sandboxed, without Node, with the contract preload only', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', rendererUrl: 'file:///app/out/renderer/index.html' });
    const prefs = created[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('denies new windows, navigation away, webviews and every permission; sends the CSP', () => {
    createMainWindow({ preloadPath: '/p.cjs', rendererUrl: 'file:///app/out/renderer/index.html' });
    const { handlers } = created[0]!;
    expect(handlers.windowOpen!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    expect(handlers.windowOpen!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const navigate = { preventDefault: vi.fn() };
    handlers['will-navigate']!(navigate, 'https://evil.example/');
    expect(navigate.preventDefault).toHaveBeenCalled();
    const stay = { preventDefault: vi.fn() };
    handlers['will-navigate']!(stay, 'file:///app/out/renderer/index.html#x');
    expect(stay.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    handlers['will-attach-webview']!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read'])
      session.permission!({}, permission, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false]);
    let headers: Record<string, string[]> = {};
    session.headers!(
      { responseHeaders: { 'X-Other': ['1'] } },
      (r) => (headers = (r as { responseHeaders: Record<string, string[]> }).responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('has a CSP that allows only the app itself: no eval, no remote scripts, no sockets', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    const meta = /Content-Security-Policy"\s+content="([^"]+)"/.exec(
      readFileSync('app/renderer/index.html', 'utf8'),
    )![1]!;
    expect(meta).toContain("script-src 'self'");
    expect(meta).toContain("connect-src 'self'");
    expect(meta).not.toMatch(/unsafe-eval|ws:|https?:/);
    // A browser ignores these in a <meta> policy and logs an error on every load: they belong in the header only.
    expect(meta).not.toMatch(/frame-ancestors|report-uri|sandbox/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('trusts only the app origin', () => {
    expect(isTrustedUrl('file:///app/out/renderer/index.html', 'file:///app/out/renderer/index.html')).toBe(true);
    expect(isTrustedUrl('file:///etc/passwd', 'file:///app/out/renderer/index.html')).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/x', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedUrl('not a url', 'http://localhost:5173/')).toBe(false);
  });
});
