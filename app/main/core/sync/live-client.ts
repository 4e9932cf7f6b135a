import { LiveMessageSchema } from '../../../../shared';
import { backoffDelay } from './backoff';
import type { FetchLike } from './http-client';

export interface LiveClientOptions {
  url: string;
  token: () => Promise<string>;
  onChanges: (cursor: string) => void;
  /** A conflict was stored or settled on the server. */
  onConflict?: (conflictId: string) => void;
  onState?: (connected: boolean) => void;
  fetch?: FetchLike;
  random?: () => number;
}

/**
 * The server's live channel (server-sent events): on each "changes up to N" the desk pulls at once; on a
 * conflict stored or settled it looks at the conflicts at once (a supervisor's screen and status bar).
 * Reconnects with backoff; it carries no data, so a lost message only delays a pull until the next one.
 */
export class LiveClient {
  private controller: AbortController | null = null;
  private running = false;
  private failures = 0;
  connected = false;

  constructor(private readonly options: LiveClientOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.controller?.abort();
  }

  private setConnected(value: boolean) {
    if (this.connected === value) return;
    this.connected = value;
    this.options.onState?.(value);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.listen();
      } catch {
        // Network gone or server restarting: wait and try again.
      }
      this.setConnected(false);
      if (!this.running) return;
      this.failures += 1;
      await new Promise((resolve) =>
        setTimeout(resolve, backoffDelay(this.failures, this.options.random, 500, 30_000)).unref(),
      );
    }
  }

  private async listen(): Promise<void> {
    this.controller = new AbortController();
    const token = await this.options.token();
    const response = await (this.options.fetch ?? fetch)(this.options.url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: this.controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`live channel answered ${response.status}`);
    this.failures = 0;
    this.setConnected(true);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of event.split('\n')) {
          if (!line.startsWith('data: ')) continue;
          try {
            const message = LiveMessageSchema.safeParse(JSON.parse(line.slice(6))).data;
            if (message?.type === 'changes') this.options.onChanges(message.cursor);
            else if (message?.type === 'conflict') this.options.onConflict?.(message.conflict_id);
          } catch {
            // A malformed event is ignored; the next one still arrives.
          }
        }
      }
    }
  }
}
