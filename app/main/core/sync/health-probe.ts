import type { FetchLike } from './http-client';

export type Reachability = { ok: true } | { ok: false; message: string };

/** One GET of the server's health endpoint, answered within `timeoutMs` either way. */
export async function probeServer(
  healthUrl: string,
  fetchImpl: FetchLike = fetch,
  timeoutMs = 3000,
): Promise<Reachability> {
  try {
    const response = await fetchImpl(healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return { ok: true };
    return { ok: false, message: 'The office server is up but cannot serve (its database may be down)' };
  } catch {
    return { ok: false, message: 'The office server is not answering' };
  }
}

export interface HealthProbeOptions {
  check: () => Promise<Reachability>;
  /** Called when reachability changes; the server is taken to be there when probing starts. */
  onChange: (reachability: Reachability) => void;
  /** Delays between probes: quick at first after the live channel drops, then settling. */
  delaysMs?: number[];
}

const DELAYS_MS = [2000, 2000, 2000, 2000, 2000, 15_000];

/**
 * While the live channel is down, asks the server's health endpoint whether it is there, so the status bar says
 * "Offline" within seconds of the server going away, even when nothing is being written (a failed sync would
 * otherwise be the first to notice). Stops as soon as the live channel is back.
 */
export class HealthProbe {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private last = true;
  private round = 0;

  constructor(private readonly options: HealthProbeOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.round = 0;
    this.last = true;
    void this.probe();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async probe(): Promise<void> {
    const result = await this.options.check();
    if (!this.running) return;
    if (result.ok !== this.last) {
      this.last = result.ok;
      this.round = 0;
      this.options.onChange(result);
    }
    const delays = this.options.delaysMs ?? DELAYS_MS;
    const delay = delays[Math.min(this.round, delays.length - 1)]!;
    this.round += 1;
    this.timer = setTimeout(() => void this.probe(), delay);
    this.timer.unref?.();
  }
}
