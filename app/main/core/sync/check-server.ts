/** "Test connection": tells unreachable, TLS trouble and "not a CollectPay server" apart, in plain words. */
export async function checkServer(
  serverUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<{ ok: boolean; message: string }> {
  let response: Response;
  try {
    response = await fetchImpl(new URL('api/v1/health', serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`), {
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? '';
    if (/CERT|TLS|SSL|SELF_SIGNED/i.test(code) || /certificate|tls|ssl/i.test(cause?.message ?? '')) {
      return {
        ok: false,
        message: `The server's TLS certificate was refused (${code || cause?.message}). Ask your administrator for a valid certificate.`,
      };
    }
    if ((error as Error).name === 'TimeoutError')
      return { ok: false, message: 'The server did not answer within 5 seconds.' };
    return {
      ok: false,
      message: `Cannot reach ${serverUrl}${code ? ` (${code})` : ''}. Check the address and the network.`,
    };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const health = body as { status?: string; db?: string } | null;
  if (!health || typeof health.status !== 'string' || typeof health.db !== 'string') {
    return { ok: false, message: `${serverUrl} answered, but it is not a CollectPay server.` };
  }
  if (response.status === 503 || health.status !== 'ok') {
    return { ok: false, message: 'The CollectPay server is up but its database is down. Try again later.' };
  }
  return { ok: true, message: 'Connected: this is a CollectPay server and its database is up.' };
}
