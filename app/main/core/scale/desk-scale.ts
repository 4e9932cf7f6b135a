import { EventEmitter } from 'node:events';
import { validationError, type ScaleReading, type ScaleSettings } from '../../../../shared';
import type { ScaleLive, ScaleNow } from '../../../../shared/ipc/types';
import { ScaleReader, type ScaleReaderOptions } from './scale-reader';
import type { ScaleSource } from './scale-source';

const NO_SCALE: ScaleLive = { state: 'none', port: '', message: 'No scale is set up (Settings → Scale)' };

/**
 * The desk's one scale: runs a ScaleReader on the port the settings name (restarted when they change) and
 * announces every weight and status change to whoever listens (the renderers). The scale belongs to the machine,
 * not to a database, so switching to the demo keeps it.
 */
export class DeskScale {
  private reader: ScaleReader | null = null;
  private readonly emitter = new EventEmitter();
  private live: ScaleLive = NO_SCALE;

  constructor(
    private readonly source: ScaleSource | null,
    private readonly tuning: Pick<ScaleReaderOptions, 'reconnectMs' | 'silenceMs'> = {},
  ) {}

  /** Starts reading with these settings (null: no scale), stopping the reader before. */
  async configure(settings: ScaleSettings | null): Promise<void> {
    const old = this.reader;
    this.reader = null;
    if (old) await old.stop();
    if (!settings) return this.announce(NO_SCALE);
    if (!this.source)
      return this.announce({ state: 'none', port: settings.port, message: 'This host cannot open serial ports' });
    const reader = new ScaleReader({ source: this.source, settings, ...this.tuning });
    this.reader = reader;
    reader.onStatus((status) => this.reader === reader && this.announce(status));
    reader.onReading((reading) => this.reader === reader && this.emitter.emit('reading', reading));
    reader.start();
  }

  now(): ScaleNow {
    return { status: this.live, latest: this.reader?.latest ?? null };
  }

  /** The weight to record now: steady, fresh and from a connected scale; otherwise a message on the weight field. */
  take(): ScaleReading {
    const reader = this.reader;
    if (!reader) throw validationError({ gross_weight_milli: 'no scale is set up: type the weight' });
    if (reader.status.state !== 'connected')
      throw validationError({ gross_weight_milli: `the scale is not connected (${reader.status.message})` });
    const steady = reader.stableReading();
    if (steady) return steady;
    throw validationError({
      gross_weight_milli: reader.latest
        ? 'the weight is not steady yet: wait for “stable”, then take it'
        : 'the scale sends no weight yet',
    });
  }

  async ports(): Promise<{ path: string; label: string }[]> {
    if (!this.source) return [];
    const ports = await this.source.list();
    return ports.map((p) => ({
      path: p.path,
      label: [p.path, p.manufacturer, p.serialNumber].filter(Boolean).join(' — '),
    }));
  }

  onReading(listener: (reading: ScaleReading) => void): () => void {
    this.emitter.on('reading', listener);
    return () => this.emitter.off('reading', listener);
  }

  onStatus(listener: (status: ScaleLive) => void): () => void {
    this.emitter.on('status', listener);
    return () => this.emitter.off('status', listener);
  }

  async stop(): Promise<void> {
    await this.configure(null);
  }

  private announce(status: ScaleLive): void {
    this.live = status;
    this.emitter.emit('status', status);
  }
}
