import {
  ErrorBodySchema,
  HealthResponseSchema,
  pathOf,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  ROUTES,
  splitServerAddresses,
} from '../../../../shared';

type Check = { ok: boolean; message: string };

/**
 * "Test connection": tells unreachable, TLS trouble and "not a CollectPay server" apart, in plain words. With
 * several addresses, the first that answers well wins; if none does, each one's trouble is named.
 */
export async function checkServer(serverUrl: string, fetchImpl: typeof fetch = fetch): Promise<Check> {
  const addresses = splitServerAddresses(serverUrl);
  if (addresses.length <= 1) return checkOne(serverUrl.trim(), fetchImpl);
  const failures: string[] = [];
  for (const address of addresses) {
    const result = await checkOne(address, fetchImpl);
    if (result.ok) return { ok: true, message: `${result.message} (${address})` };
    failures.push(`${address}: ${result.message}`);
  }
  return { ok: false, message: `None of the ${addresses.length} addresses works. ${failures.join(' ')}` };
}

async function checkOne(serverUrl: string, fetchImpl: typeof fetch): Promise<Check> {
  let response: Response;
  try {
    const url = new URL(pathOf(ROUTES.health).slice(1), serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`);
    response = await fetchImpl(url, {
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
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
  // A server that cannot serve this desk's protocol says which side to update.
  const refusal = response.status === 426 ? ErrorBodySchema.safeParse(body).data : undefined;
  if (refusal) return { ok: false, message: refusal.error.message };
  const health = HealthResponseSchema.safeParse(body).data;
  if (!health) {
    return { ok: false, message: `${serverUrl} answered, but it is not a CollectPay server.` };
  }
  if (health.status === 'draining') {
    return { ok: false, message: 'This CollectPay server is shutting down. Try again in a moment.' };
  }
  if (response.status === 503 || health.status !== 'ok') {
    return { ok: false, message: 'The CollectPay server is up but its database is down. Try again later.' };
  }
  return { ok: true, message: 'Connected: this is a CollectPay server and its database is up.' };
}
