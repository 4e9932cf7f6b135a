import type { LiveMessage } from '../../shared';

/** A raw subscriber to a server's live channel that records every cursor announced, with when it arrived. */
export async function listenLive(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/v1/sync/live`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`live channel answered ${response.status}`);
  const heard: { cursor: number; at: number }[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!line.startsWith('data: ')) continue;
        const message = JSON.parse(line.slice(6)) as LiveMessage;
        if (message.type !== 'changes') continue;
        heard.push({ cursor: Number(message.cursor), at: Date.now() });
        for (const wake of waiters) wake();
      }
    }
  })();
  return {
    heard,
    headers: response.headers,
    /** Resolves when a cursor ≥ seq has been announced (or rejects after timeoutMs). */
    async until(seq: number, timeoutMs = 10_000): Promise<{ cursor: number; at: number }> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = heard.find((h) => h.cursor >= seq);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no live notice for seq ${seq} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 50);
        });
      }
    },
    close: () => controller.abort(),
  };
}
