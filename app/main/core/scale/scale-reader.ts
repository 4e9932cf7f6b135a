import {
  parseDecimal,
  parseInput,
  ScaleReadingSchema,
  ScaleSettingsSchema,
  type ScaleReading,
  type ScaleSettings,
  type ScaleSettingsInput,
} from '../../../../shared';
import { IGNORED_REASONS, parseFrame, type IgnoredReason } from './frames';
import { LineSplitter } from './line-splitter';
import type { ScaleLink, ScaleSource } from './scale-source';
import { StabilityDetector } from './stability';

export type ScaleState = 'stopped' | 'connecting' | 'connected' | 'disconnected';

export interface ScaleStatus {
  state: ScaleState;
  port: string;
  /** What a person should know: why it is disconnected, or that it is waiting to reconnect. */
  message: string;
}

export interface ScaleStats {
  /** Lines (frames) received. */
  lines: number;
  /** Valid weights among them. */
  readings: number;
  /** Lines that were not a weight, never thrown: counted by reason, the last one kept to help set the format. */
  ignored: number;
  byReason: Record<IgnoredReason, number>;
  lastIgnored: { reason: IgnoredReason; line: string } | null;
}

export interface ScaleReaderOptions {
  source: ScaleSource;
  settings: ScaleSettingsInput;
  /** Wall clock (ms); injectable for tests. */
  now?: () => number;
  /** Wait between attempts to (re)open the port. */
  reconnectMs?: number;
  /**
   * A scale in continuous mode sends several frames a second; this long without a byte means the link is dead
   * even if the driver never said so (a wedged USB adapter, a hang-up the driver missed): reopen it.
   */
  silenceMs?: number;
}

/** Printable, bounded: control bytes as \xNN so a binary frame can be shown in a message. */
function printable(line: string): string {
  const escaped = Array.from(line.slice(0, 60), (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code >= 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  }).join('');
  return line.length > 60 ? `${escaped}…` : escaped;
}

/**
 * Reads a serial scale through an injected ScaleSource: splits its continuous output into frames, parses and
 * validates every one (garbage is counted, never thrown), decides steadiness, and announces each weight as
 * `{ weight_milli, unit, stable, at, mode }`. Reopens the port while started if it goes away.
 */
export class ScaleReader {
  readonly settings: ScaleSettings;
  private readonly source: ScaleSource;
  private readonly now: () => number;
  private readonly reconnectMs: number;
  private readonly silenceMs: number;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private lastDataAt = 0;
  private readonly stability: StabilityDetector;
  private readonly readingListeners = new Set<(reading: ScaleReading) => void>();
  private readonly statusListeners = new Set<(status: ScaleStatus) => void>();
  private link: ScaleLink | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private current: ScaleStatus;
  private last: ScaleReading | null = null;
  private counts: ScaleStats = {
    lines: 0,
    readings: 0,
    ignored: 0,
    byReason: Object.fromEntries(IGNORED_REASONS.map((r) => [r, 0])) as Record<IgnoredReason, number>,
    lastIgnored: null,
  };

  constructor(options: ScaleReaderOptions) {
    this.settings = parseInput(ScaleSettingsSchema, options.settings);
    this.source = options.source;
    this.now = options.now ?? Date.now;
    this.reconnectMs = options.reconnectMs ?? 2000;
    this.silenceMs = options.silenceMs ?? 5000;
    this.stability = new StabilityDetector({
      stableBy: this.settings.stable_by,
      count: this.settings.stable_count,
      windowMs: this.settings.stable_window_ms,
      toleranceMilli: this.settings.stable_tolerance_milli,
    });
    this.current = { state: 'stopped', port: this.settings.port, message: 'Not started' };
  }

  get status(): ScaleStatus {
    return this.current;
  }

  /** The last valid weight since the port (re)opened, or null. */
  get latest(): ScaleReading | null {
    return this.last;
  }

  /** The weight to take now: the latest, if it is stable, fresh, and the port is still connected; else null. */
  stableReading(maxAgeMs = 1500): ScaleReading | null {
    const reading = this.last;
    if (!reading || !reading.stable || this.current.state !== 'connected') return null;
    return this.now() - Date.parse(reading.at) <= maxAgeMs ? reading : null;
  }

  stats(): ScaleStats {
    return { ...this.counts, byReason: { ...this.counts.byReason } };
  }

  onReading(listener: (reading: ScaleReading) => void): () => void {
    this.readingListeners.add(listener);
    return () => this.readingListeners.delete(listener);
  }

  onStatus(listener: (status: ScaleStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Opens the port and keeps it open (retrying) until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const link = this.link;
    this.link = null;
    this.forget();
    this.stopWatchdog();
    if (link) await link.close();
    this.setStatus('stopped', 'Stopped');
  }

  private async connect(): Promise<void> {
    const { port } = this.settings;
    this.setStatus('connecting', `Opening ${port}…`);
    let link: ScaleLink;
    try {
      link = await this.source.open({
        path: port,
        baudRate: this.settings.baud_rate,
        dataBits: this.settings.data_bits,
        parity: this.settings.parity,
        stopBits: this.settings.stop_bits,
      });
    } catch (error) {
      this.lost(`Cannot open ${port}: ${(error as Error).message}`);
      return;
    }
    if (!this.running) {
      await link.close();
      return;
    }
    this.link = link;
    this.lastDataAt = performance.now();
    this.armWatchdog(link);
    const splitter = new LineSplitter(
      (line) => this.line(line),
      () => this.ignore('too_long', '(a line longer than 256 bytes)'),
    );
    link.onData((chunk) => {
      if (this.link !== link) return;
      this.lastDataAt = performance.now();
      splitter.push(chunk);
    });
    link.onClose((error) => {
      if (this.link !== link) return;
      this.link = null;
      this.stopWatchdog();
      this.lost(`${port} closed${error ? `: ${error.message}` : ''}`);
    });
    this.setStatus('connected', `Reading ${port} at ${this.settings.baud_rate} baud (${this.settings.format})`);
  }

  /** The port is gone: the last weight is no longer the weight on the scale. Try again shortly. */
  private lost(message: string): void {
    this.forget();
    if (!this.running) return;
    this.setStatus('disconnected', `${message} — trying again every ${Math.round(this.reconnectMs / 1000) || 1} s`);
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.running) void this.connect();
    }, this.reconnectMs);
  }

  /** Checks for silence on a timer measured in elapsed time (not the injectable wall clock). */
  private armWatchdog(link: ScaleLink, wait = this.silenceMs): void {
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      if (this.link !== link) return;
      const quiet = performance.now() - this.lastDataAt;
      if (quiet < this.silenceMs) return this.armWatchdog(link, this.silenceMs - quiet);
      this.link = null;
      void link.close().catch(() => undefined);
      const seconds = Math.round(this.silenceMs / 1000) || 1;
      this.lost(`No data from ${this.settings.port} for ${seconds} s: is the scale on and sending continuously?`);
    }, wait);
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private forget(): void {
    this.last = null;
    this.stability.reset();
  }

  private line(line: string): void {
    this.counts.lines++;
    const frame = parseFrame(this.settings.format, line);
    if (frame.kind === 'ignored') return this.ignore(frame.reason, line);
    const weight = parseDecimal(frame.weight, { scale: 3, allowNegative: true });
    if (!weight.ok) return this.ignore(/decimal places/.test(weight.error) ? 'too_precise' : 'out_of_range', line);
    const unit = frame.unit ?? this.settings.unit;
    const at = this.now();
    const stable = this.stability.next(weight.value, unit, at, frame.stable);
    const checked = ScaleReadingSchema.safeParse({
      weight_milli: weight.value,
      unit,
      stable,
      at: new Date(at).toISOString(),
      mode: frame.mode,
    });
    if (!checked.success) {
      this.stability.reset();
      return this.ignore('out_of_range', line);
    }
    this.last = checked.data;
    this.counts.readings++;
    for (const listener of this.readingListeners) listener(checked.data);
  }

  private ignore(reason: IgnoredReason, line: string): void {
    this.counts.ignored++;
    this.counts.byReason[reason]++;
    this.counts.lastIgnored = { reason, line: printable(line) };
  }

  private setStatus(state: ScaleState, message: string): void {
    this.current = { state, port: this.settings.port, message };
    for (const listener of this.statusListeners) listener(this.current);
  }
}
