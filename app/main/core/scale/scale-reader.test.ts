import { afterEach, describe, expect, it } from 'vitest';
import { isAppError, type ScaleReading } from '../../../../shared';
import { encodeFrame } from './frame-encoder';
import { ScaleReader, type ScaleStatus } from './scale-reader';
import type { ScaleLink, ScaleSource, SerialLineSettings } from './scale-source';

/** A ScaleSource in memory: each open() makes a link the test feeds and unplugs. */
class FakeSource implements ScaleSource {
  opened: SerialLineSettings[] = [];
  failNext: Error | null = null;
  link: { data?: (chunk: Uint8Array) => void; close?: (error: Error | null) => void; closed: boolean } | null = null;

  async open(settings: SerialLineSettings): Promise<ScaleLink> {
    this.opened.push(settings);
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    const state: NonNullable<FakeSource['link']> = { closed: false };
    this.link = state;
    return {
      onData: (listener) => (state.data = listener),
      onClose: (listener) => (state.close = listener),
      close: async () => {
        state.closed = true;
      },
    };
  }

  async list() {
    return [];
  }

  send(text: string): void {
    this.link?.data?.(Buffer.from(text, 'latin1'));
  }

  unplug(): void {
    this.link?.close?.(new Error('device disconnected'));
  }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

let readers: ScaleReader[] = [];
afterEach(async () => {
  await Promise.all(readers.map((r) => r.stop()));
  readers = [];
});

function reader(source: FakeSource, settings: object, now = () => Date.parse('2026-03-02T06:30:00.000Z')) {
  const r = new ScaleReader({
    source,
    settings: { port: '/dev/ttyUSB0', baud_rate: 9600, format: 'st-gs', ...settings },
    now,
    reconnectMs: 20,
  });
  readers.push(r);
  const readings: ScaleReading[] = [];
  const statuses: ScaleStatus[] = [];
  r.onReading((x) => readings.push(x));
  r.onStatus((x) => statuses.push(x));
  return { r, readings, statuses };
}

describe('ScaleReader', () => {
  it('validates its settings with a message per field', () => {
    try {
      new ScaleReader({
        source: new FakeSource(),
        settings: { port: '', baud_rate: 9601, format: 'dibal' as 'plain' },
      });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.fields).toEqual({
        port: 'is required',
        baud_rate: 'must be one of: 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200',
        format: 'must be one of: st-gs, plain, toledo',
      });
    }
  });

  it('opens the port with its line settings and announces every weight', async () => {
    const source = new FakeSource();
    const { r, readings, statuses } = reader(source, { data_bits: 7, parity: 'even' });
    r.start();
    await until(() => r.status.state === 'connected');
    expect(source.opened).toEqual([{ path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 }]);
    source.send('US,GS,+  12.300kg\r\nST,GS,+  12.345kg\r\nST,NT,-   0.005kg\r\n');
    expect(readings).toEqual([
      { weight_milli: 12_300, unit: 'kg', stable: false, at: '2026-03-02T06:30:00.000Z', mode: 'gross' },
      { weight_milli: 12_345, unit: 'kg', stable: true, at: '2026-03-02T06:30:00.000Z', mode: 'gross' },
      { weight_milli: -5, unit: 'kg', stable: true, at: '2026-03-02T06:30:00.000Z', mode: 'net' },
    ]);
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'connected']);
    expect(r.latest?.weight_milli).toBe(-5);
  });

  it('counts garbage by reason, keeps the last one printable, and never throws', async () => {
    const source = new FakeSource();
    const { r, readings } = reader(source, {});
    r.start();
    await until(() => r.status.state === 'connected');
    source.send(
      [
        '\u0000\u00ff garbage',
        'OL,GS,+9999.999kg',
        'ST,TR,+   1.000kg',
        'ST,GS,+ 1.2345kg',
        'ST,GS,+ 99999999999999999999kg',
        'ST,GS,+ 1000001kg',
        'x'.repeat(300),
        'ST,GS,+   2.000kg',
      ].join('\r\n') + '\r\n',
    );
    expect(readings.map((x) => x.weight_milli)).toEqual([2_000]);
    expect(r.stats()).toEqual({
      lines: 7,
      readings: 1,
      ignored: 7,
      byReason: { unreadable: 1, overload: 1, not_weight: 1, too_precise: 1, out_of_range: 2, too_long: 1 },
      lastIgnored: { reason: 'too_long', line: '(a line longer than 256 bytes)' },
    });
    source.send('\u0000\u00ff garbage\r\n');
    expect(r.stats().lastIgnored).toEqual({ reason: 'unreadable', line: '\\x00\\xff garbage' });
  });

  it('counts N equal readings within the window as stable when the format has no flag', async () => {
    let clock = Date.parse('2026-03-02T06:30:00.000Z');
    const source = new FakeSource();
    const { r, readings } = reader(source, { format: 'plain', stable_count: 3, stable_window_ms: 1000 }, () => clock);
    r.start();
    await until(() => r.status.state === 'connected');
    for (const weight_milli of [11_900, 12_345, 12_345, 12_345]) {
      source.send(encodeFrame('plain', { weight_milli, unit: 'kg', stable: false, mode: null }));
      clock += 200;
    }
    expect(readings.map((x) => x.stable)).toEqual([false, false, false, true]);
    expect(r.stableReading(1000)?.weight_milli).toBe(12_345);
    clock += 5_000;
    expect(r.stableReading(1000)).toBeNull(); // nothing new for five seconds: not the weight on the scale now
  });

  it('when the port goes away: forgets the weight, says so, and reconnects', async () => {
    const source = new FakeSource();
    const { r, statuses } = reader(source, {});
    r.start();
    await until(() => r.status.state === 'connected');
    source.send('ST,GS,+  12.345kg\r\n');
    expect(r.stableReading()).not.toBeNull();
    source.unplug();
    expect(r.status).toMatchObject({ state: 'disconnected' });
    expect(r.status.message).toMatch(/^\/dev\/ttyUSB0 closed: device disconnected — trying again every 1 s$/);
    expect(r.latest).toBeNull();
    expect(r.stableReading()).toBeNull();
    await until(() => r.status.state === 'connected');
    expect(source.opened).toHaveLength(2);
    expect(statuses.map((s) => s.state)).toEqual([
      'connecting',
      'connected',
      'disconnected',
      'connecting',
      'connected',
    ]);
  });

  it('reopens a port that falls silent even though the driver never said it closed', async () => {
    const source = new FakeSource();
    const r = new ScaleReader({
      source,
      settings: { port: '/dev/ttyUSB0', baud_rate: 9600, format: 'st-gs' },
      reconnectMs: 20,
      silenceMs: 150,
    });
    readers.push(r);
    const states: string[] = [];
    r.onStatus((s) => states.push(s.message));
    r.start();
    await until(() => r.status.state === 'connected');
    const first = source.link!;
    // Talking keeps it open past the silence limit…
    for (let i = 0; i < 6; i++) {
      source.send('ST,GS,+   1.000kg\r\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect([r.status.state, source.opened.length]).toEqual(['connected', 1]);
    // …silence does not.
    await until(() => source.opened.length === 2 && r.status.state === 'connected');
    expect(first.closed).toBe(true);
    expect(states).toContain(
      'No data from /dev/ttyUSB0 for 1 s: is the scale on and sending continuously? — trying again every 1 s',
    );
  });

  it('keeps trying a port that will not open, with the reason', async () => {
    const source = new FakeSource();
    source.failNext = new Error('no such port: check the cable, then pick the port again');
    const { r, statuses } = reader(source, {});
    r.start();
    await until(() => r.status.state === 'connected');
    expect(statuses[1]).toMatchObject({
      state: 'disconnected',
      message:
        'Cannot open /dev/ttyUSB0: no such port: check the cable, then pick the port again — trying again every 1 s',
    });
  });

  it('stop closes the port, ignores late bytes and stops retrying', async () => {
    const source = new FakeSource();
    const { r, readings } = reader(source, {});
    r.start();
    await until(() => r.status.state === 'connected');
    const link = source.link!;
    await r.stop();
    expect(link.closed).toBe(true);
    source.send('ST,GS,+  12.345kg\r\n');
    expect(readings).toEqual([]);
    expect(r.status.state).toBe('stopped');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(source.opened).toHaveLength(1);
  });
});
