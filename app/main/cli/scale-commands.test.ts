import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScaleReadingSchema } from '../../../shared';
import { encodeFrame } from '../core/scale/frame-encoder';
import { VirtualScale } from '../serial/virtual-scale';
import { runCli } from './main';

/** The headless client's scale commands, against a scale played on a pseudo-terminal. */

let scale: VirtualScale;
beforeEach(async () => {
  scale = new VirtualScale();
  await scale.start();
});
afterEach(() => scale.dispose());

/** Runs a command line (words split at spaces) and collects what it prints. */
async function cli(line: string): Promise<{ code: number; lines: string[] }> {
  let text = '';
  const code = await runCli(line.split(' '), {
    out: (t) => void (text += t),
    err: (t) => void process.stderr.write(t),
  });
  return { code, lines: text.split('\n').filter(Boolean) };
}

/** Sends frames every 50 ms until stopped, so the watcher sees them whenever it opens the port. */
function play(frames: string[]): () => void {
  let i = 0;
  const timer = setInterval(() => scale.send(frames[i++ % frames.length]!), 50);
  return () => clearInterval(timer);
}

describe('npm run cli -- scale …', () => {
  it('scale watch prints each reading as JSON that passes the shared schema', async () => {
    const stop = play(
      [905, 905, 905, 905].map((w) => encodeFrame('plain', { weight_milli: w, unit: 'kg', stable: false, mode: null })),
    );
    try {
      const { code, lines } = await cli(
        `--json scale watch --port ${scale.deskPath} --baud 9600 --format plain --stable-count 3 --count 5`,
      );
      expect(code).toBe(0);
      const readings = lines.map((line) => ScaleReadingSchema.parse(JSON.parse(line)));
      expect(readings).toHaveLength(5);
      expect(readings.every((r) => r.weight_milli === 905 && r.unit === 'kg')).toBe(true);
      expect(readings.at(-1)!.stable).toBe(true);
    } finally {
      stop();
    }
  });

  it('scale watch prints readable lines', async () => {
    const stop = play([encodeFrame('st-gs', { weight_milli: -120, unit: 'kg', stable: true, mode: 'net' })]);
    try {
      const { code, lines } = await cli(`scale watch --port ${scale.deskPath} --format st-gs --count 1`);
      expect(code).toBe(0);
      expect(lines[0]).toMatch(/^ {6}-0\.120 kg {2}STABLE {2}net {2}\d{4}-\d\d-\d\dT/);
    } finally {
      stop();
    }
  });

  it('names every bad setting and opens nothing', async () => {
    const { code, lines } = await cli(
      `--json scale watch --port ${scale.deskPath} --baud 9601 --format dibal --parity mark`,
    );
    expect(code).toBe(1);
    expect(JSON.parse(lines[0]!).error.fields).toEqual({
      baud_rate: 'must be one of: 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200',
      format: 'must be one of: st-gs, plain, toledo',
      parity: 'must be one of: none, even, odd',
    });
  });

  it('scale watch says when nothing it read was a weight', async () => {
    const stop = play(['ST,GS,+  12.345kg\r\n']);
    try {
      const { code, lines } = await cli(`scale watch --port ${scale.deskPath} --format toledo --for 1`);
      expect([code, lines]).toEqual([1, []]);
    } finally {
      stop();
    }
  });

  it('scale simulate plays a scale that scale watch reads to a stable weight', async () => {
    let announce!: (port: string) => void;
    const announced = new Promise<string>((resolve) => (announce = resolve));
    const simulating = runCli(
      ['--json', 'scale', 'simulate', '--format', 'toledo', '--weight', '24.76', '--for', '6'],
      { out: (t) => announce(JSON.parse(t).port), err: (t) => void process.stderr.write(t) },
    );
    const port = await announced;
    const { code, lines } = await cli(`--json scale watch --port ${port} --format toledo --for 5`);
    expect(code).toBe(0);
    const readings = lines.map((line) => ScaleReadingSchema.parse(JSON.parse(line)));
    expect(readings.some((r) => r.stable && r.weight_milli === 24_760)).toBe(true);
    expect(readings.some((r) => !r.stable)).toBe(true);
    expect(await simulating).toBe(0);
  }, 20_000);
});
