import { gzipSync } from 'node:zlib';
import { newId, type PullResponse, type TokenResponse, type WireRow } from '../../shared';

/** A raw protocol client (no desk core): signs in on a fresh device and posts JSON, optionally gzipped. */
export async function rawClient(url: string, email: string, password: string) {
  const deviceId = newId();
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, device_id: deviceId, device_name: 'raw client' }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const tokens = (await login.json()) as TokenResponse;
  const post = async (path: string, body: unknown, options: { gzip?: boolean } = {}) => {
    const json = Buffer.from(JSON.stringify({ device_id: deviceId, ...(body as object) }));
    return fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-encoding': 'gzip',
        authorization: `Bearer ${tokens.access_token}`,
        ...(options.gzip ? { 'content-encoding': 'gzip' } : {}),
      },
      body: new Uint8Array(options.gzip ? gzipSync(json) : json),
    });
  };
  return {
    deviceId,
    token: tokens.access_token,
    post,
    async pull(cursor: string, limit: number): Promise<PullResponse> {
      const response = await post('/api/v1/sync/pull', { cursor, limit });
      if (!response.ok) throw new Error(`pull answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as PullResponse;
    },
  };
}

/** The rows of one pull page, flattened. */
export function pageRows(page: PullResponse): { type: string; row: WireRow }[] {
  return Object.entries(page.changes).flatMap(([type, rows]) => (rows ?? []).map((row) => ({ type, row })));
}
