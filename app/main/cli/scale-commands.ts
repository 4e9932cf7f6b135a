import {
  AppError,
  parseDecimal,
  parseInput,
  parseQuantity,
  ScaleSettingsSchema,
  toDecimalString,
  type ScaleFormat,
  type ScaleReading,
  type ScaleSettingsInput,
  type ScaleUnit,
} from '../../../shared';
import { ScaleReader } from '../core/scale/scale-reader';
import type { ScaleSource } from '../core/scale/scale-source';
import { playScale } from '../serial/scale-simulator';
import { VirtualScale } from '../serial/virtual-scale';
import { need, opt, type Flags, type Output } from './commands';

/**
 * `scale …` commands: try a scale by hand without a database. They get the serial adapter injected, as the
 * shell does, so the core's reader never knows which library reads the port.
 */

export interface ScaleCommandIo {
  source: ScaleSource;
  out: Output;
  /** Where progress and status go, apart from the readings (stderr). */
  note: (text: string) => void;
}

function wholeNumber(flags: Flags, name: string): number | undefined {
  const text = opt(flags, name);
  if (text === undefined) return undefined;
  const parsed = parseDecimal(text, { scale: 0, label: `--${name}` });
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED', parsed.error, { [name]: parsed.error });
  return parsed.value;
}

function quantity(flags: Flags, name: string): number | undefined {
  const text = opt(flags, name);
  if (text === undefined) return undefined;
  const parsed = parseQuantity(text, `--${name}`);
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED', parsed.error, { [name]: parsed.error });
  return parsed.value;
}

/** Flags → settings; the ScaleReader validates them with the shared schema (one message per field). */
function settingsFrom(flags: Flags): ScaleSettingsInput {
  const optional: Partial<ScaleSettingsInput> = {
    data_bits: wholeNumber(flags, 'data-bits') as 7 | 8 | undefined,
    parity: opt(flags, 'parity') as ScaleSettingsInput['parity'],
    stop_bits: wholeNumber(flags, 'stop-bits') as 1 | 2 | undefined,
    unit: opt(flags, 'unit') as ScaleUnit | undefined,
    stable_by: opt(flags, 'stable-by') as ScaleSettingsInput['stable_by'],
    stable_count: wholeNumber(flags, 'stable-count'),
    stable_window_ms: wholeNumber(flags, 'stable-window'),
    stable_tolerance_milli: quantity(flags, 'tolerance'),
  };
  return {
    port: need(flags, 'port'),
    baud_rate: wholeNumber(flags, 'baud') ?? 9600,
    format: need(flags, 'format') as ScaleFormat,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/** Resolves after `seconds` (if given), on Ctrl+C, or when `done` is called. */
function runUntil(seconds: number | undefined): { finished: Promise<void>; done: () => void } {
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const timer = seconds !== undefined ? setTimeout(done, seconds * 1000) : null;
  const interrupt = () => done();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  void finished.then(() => {
    if (timer) clearTimeout(timer);
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  });
  return { finished, done };
}

function describeReading(r: ScaleReading): string {
  const weight = toDecimalString(r.weight_milli, 3);
  return (
    `${weight.padStart(12)} ${r.unit.padEnd(3)} ${r.stable ? 'STABLE  ' : 'moving  '}${r.mode ?? ''}`.trimEnd() +
    `  ${r.at}`
  );
}

async function watch(flags: Flags, io: ScaleCommandIo): Promise<number> {
  const reader = new ScaleReader({ source: io.source, settings: settingsFrom(flags) });
  const limit = wholeNumber(flags, 'count');
  const run = runUntil(wholeNumber(flags, 'for'));
  let count = 0;
  reader.onStatus((status) => io.note(`# ${status.message}`));
  reader.onReading((reading) => {
    io.out.print(describeReading(reading), reading);
    if (limit !== undefined && ++count >= limit) run.done();
  });
  reader.start();
  await run.finished;
  const stats = reader.stats();
  await reader.stop();
  const reasons = Object.entries(stats.byReason)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason.replace('_', ' ')} ${n}`)
    .join(', ');
  io.note(
    `# ${stats.lines} line(s): ${stats.readings} weight(s), ${stats.ignored} ignored${reasons ? ` (${reasons})` : ''}` +
      (stats.lastIgnored ? `; last ignored: "${stats.lastIgnored.line}"` : ''),
  );
  if (stats.readings > 0) return 0;
  io.note(
    stats.lines > 0
      ? '# Lines arrived but none was a weight in this format: check --format, --baud and the line settings.'
      : '# Nothing arrived: check the port, the cable and that the scale sends continuously.',
  );
  return 1;
}

async function ports(io: ScaleCommandIo): Promise<number> {
  const list = await io.source.list();
  io.out.print(
    list
      .map(
        (p) =>
          `${p.path}${p.manufacturer ? `  ${p.manufacturer}` : ''}${p.serialNumber ? `  (${p.serialNumber})` : ''}`,
      )
      .join('\n') || '(no serial ports found)',
    list,
  );
  return 0;
}

async function simulate(flags: Flags, io: ScaleCommandIo): Promise<number> {
  const format = need(flags, 'format') as ScaleFormat;
  const unit = (opt(flags, 'unit') ?? 'kg') as ScaleUnit;
  parseInput(ScaleSettingsSchema, { port: 'simulated', baud_rate: 9600, format, unit });
  const weight = quantity(flags, 'weight');
  const scale = new VirtualScale();
  await scale.start();
  const run = runUntil(wholeNumber(flags, 'for'));
  const playing = new AbortController();
  io.out.print(
    `A ${format} scale is playing on ${scale.deskPath}\n` +
      `Try: npm run cli -- scale watch --port ${scale.deskPath} --baud 9600 --format ${format}\nCtrl+C stops it.`,
    { port: scale.deskPath, format, unit },
  );
  const player = playScale(scale, format, unit, weight ? [weight] : [12_345, 24_760, 8_500], playing.signal);
  await run.finished;
  playing.abort();
  await player;
  await scale.dispose();
  return 0;
}

export async function runScaleCommand(sub: string | undefined, flags: Flags, io: ScaleCommandIo): Promise<number> {
  if (sub === 'watch') return watch(flags, io);
  if (sub === 'ports') return ports(io);
  if (sub === 'simulate') return simulate(flags, io);
  throw new AppError('VALIDATION_FAILED', 'Say what to do with the scale: scale watch, scale ports or scale simulate');
}
