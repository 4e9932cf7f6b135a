import { gzipSync } from 'node:zlib';
import type { ErrorBody } from '../../../../shared';

export type FetchLike = typeof fetch;

/** Why a request failed, sorted by what the sync engine does about it. */
export type FailureKind = 'network' | 'server' | 'auth' | 'client';

export class SyncHttpError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status = 0,
    readonly code = '',
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }

  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server';
  }
}

export interface Transfer {
  sent: number;
  received: number;
}

const GZIP_THRESHOLD = 1024;

/** JSON over HTTP to the CollectPay server: gzip bodies above ~1 KB, accept gzip, count bytes both ways. */
export class HttpClient {
  readonly transfer: Transfer = { sent: 0, received: 0 };

  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: FetchLike = fetch,
    private readonly timeoutMs = 30_000,
    /** This desk's wall clock: sent with each request so the server can allow for a desk whose clock is off. */
    private readonly clock: () => number = Date.now,
  ) {}

  async post<T>(path: string, body: unknown, token?: string): Promise<T> {
    const json = Buffer.from(JSON.stringify(body));
    const zipped = json.length > GZIP_THRESHOLD;
    const payload = zipped ? gzipSync(json) : json;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'accept-encoding': 'gzip',
      'x-client-time': new Date(this.clock()).toISOString(),
    };
    if (zipped) headers['content-encoding'] = 'gzip';
    if (token) headers.authorization = `Bearer ${token}`;
    return this.request<T>(path, { method: 'POST', headers, body: new Uint8Array(payload) }, payload.length);
  }

  async get<T>(path: string, token?: string): Promise<T> {
    const headers: Record<string, string> = { 'accept-encoding': 'gzip' };
    if (token) headers.authorization = `Bearer ${token}`;
    return this.request<T>(path, { method: 'GET', headers }, 0);
  }

  url(path: string): string {
    return new URL(path, this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`).toString();
  }

  private async request<T>(path: string, init: RequestInit, size: number): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path.replace(/^\//, '')), {
        ...init,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new SyncHttpError('network', `Cannot reach the server: ${(error as Error).message}`);
    }
    this.transfer.sent += size;
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new SyncHttpError(
        'network',
        `The connection dropped while reading the answer: ${(error as Error).message}`,
      );
    }
    this.transfer.received += Number(response.headers.get('content-length') ?? Buffer.byteLength(text));
    if (response.status === 204) return undefined as T;
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      if (response.ok) throw new SyncHttpError('server', 'The server answered with something that is not JSON');
    }
    if (response.ok) return parsed as T;
    const error = (parsed as ErrorBody | undefined)?.error;
    const message = error?.message ?? `The server answered ${response.status}`;
    const code = error?.code ?? '';
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new SyncHttpError('server', message, response.status, code);
    }
    if (response.status === 401) throw new SyncHttpError('auth', message, response.status, code);
    throw new SyncHttpError('client', message, response.status, code, error?.fields);
  }
}
