/**
 * The renderer's security settings, in one place so a test can hold them to account (docs/architecture.md "Security and offline sign-in"): no Node,
 * isolated and sandboxed, no remote content, and a CSP that allows only the app's own code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** Only the app's own pages may load or call: the file it ships, or the dev server in development. */
export function isTrustedUrl(url: string, trustedOrigin: string): boolean {
  try {
    const parsed = new URL(url);
    if (trustedOrigin.startsWith('file://')) return parsed.protocol === 'file:' && url.startsWith(trustedOrigin);
    return parsed.origin === new URL(trustedOrigin).origin;
  } catch {
    return false;
  }
}
