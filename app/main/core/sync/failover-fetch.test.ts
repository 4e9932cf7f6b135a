import { describe, expect, it } from 'vitest';
import { checkServer } from './check-server';
import { failoverFetch } from './failover-fetch';
import type { FetchLike } from './http-client';

/** A fake network: each host is up (answers its status), refused, or absent. */
function network(hosts: Record<string, number | 'refused'>) {
  const calls: string[] = [];
  const fetchImpl: FetchLike = async (input) => {
    const url = new URL(String(input));
    calls.push(`${url.host}${url.pathname}`);
    const state = hosts[url.host];
    if (state === undefined || state === 'refused')
      throw new TypeError(`fetch failed: connect ECONNREFUSED ${url.host}`);
    const body = state === 200 ? { status: 'ok', db: 'ok' } : { status: 'draining', db: 'ok' };
    return new Response(JSON.stringify(body), { status: state, headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetchImpl };
}

describe('failover between several server addresses', () => {
  it('sends the same request to the next address when one is refused, and stays there', async () => {
    const net = network({ 'a:8787': 'refused', 'b:8787': 200 });
    const fetch = failoverFetch(['http://a:8787', 'http://b:8787/'], net.fetchImpl);
    const response = await fetch('http://a:8787/api/v1/sync/push', { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(net.calls).toEqual(['a:8787/api/v1/sync/push', 'b:8787/api/v1/sync/push']);
    expect(fetch.current()).toBe('http://b:8787/');
    net.calls.length = 0;
    await fetch('http://a:8787/api/v1/sync/pull');
    expect(net.calls).toEqual(['b:8787/api/v1/sync/pull']);
  });

  it('moves on from an instance that answers 503 (draining, or its database is down)', async () => {
    const net = network({ 'a:1': 503, 'b:1': 200 });
    const fetch = failoverFetch(['http://a:1', 'http://b:1'], net.fetchImpl);
    expect((await fetch('http://a:1/api/v1/health')).status).toBe(200);
    expect(net.calls).toEqual(['a:1/api/v1/health', 'b:1/api/v1/health']);
  });

  it('when every address fails: the last answer, or the last network error', async () => {
    const busy = failoverFetch(['http://a:1', 'http://b:1'], network({ 'a:1': 503, 'b:1': 503 }).fetchImpl);
    expect((await busy('http://a:1/x')).status).toBe(503);
    const down = failoverFetch(['http://a:1', 'http://b:1'], network({}).fetchImpl);
    await expect(down('http://a:1/x')).rejects.toThrow('ECONNREFUSED b:1');
  });

  it('does not repeat a request cut by its own deadline, but starts the next one elsewhere', async () => {
    const calls: string[] = [];
    const hanging: FetchLike = async (input, init) => {
      calls.push(new URL(String(input)).host);
      if (new URL(String(input)).host === 'b:1') return new Response('{}');
      return new Promise((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('timed out', 'TimeoutError'))),
      );
    };
    const fetch = failoverFetch(['http://a:1', 'http://b:1'], hanging);
    await expect(fetch('http://a:1/x', { signal: AbortSignal.timeout(20) })).rejects.toThrow('timed out');
    expect(calls).toEqual(['a:1']);
    expect((await fetch('http://a:1/x')).status).toBe(200);
    expect(calls).toEqual(['a:1', 'b:1']);
  });

  it('leaves other URLs and a single address alone', async () => {
    const net = network({ 'a:1': 'refused', 'other:1': 200 });
    const single = failoverFetch(['http://a:1'], net.fetchImpl);
    await expect(single('http://a:1/x')).rejects.toThrow('ECONNREFUSED');
    const fetch = failoverFetch(['http://a:1', 'http://b:1'], net.fetchImpl);
    expect((await fetch('http://other:1/api/v1/health')).status).toBe(200);
    expect(net.calls).toEqual(['a:1/x', 'other:1/api/v1/health']);
  });
});

describe('"Test connection" with several addresses', () => {
  it('names the address that works', async () => {
    const net = network({ 'a:1': 'refused', 'b:1': 200 });
    const result = await checkServer('http://a:1, http://b:1', net.fetchImpl as typeof fetch);
    expect(result).toEqual({
      ok: true,
      message: 'Connected: this is a CollectPay server and its database is up. (http://b:1)',
    });
  });

  it('names each address’s trouble when none works', async () => {
    const net = network({ 'a:1': 'refused', 'b:1': 503 });
    const result = await checkServer('http://a:1,http://b:1', net.fetchImpl as typeof fetch);
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      'None of the 2 addresses works. http://a:1: Cannot reach http://a:1. Check the address and the network. ' +
        'http://b:1: This CollectPay server is shutting down. Try again in a moment.',
    );
  });
});
