import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readNewPassword, type SecretInput } from './read-password';

/** A fake terminal: keys typed into `input`, everything shown collected from `output`. */
function terminal() {
  const input = new PassThrough() as PassThrough & SecretInput;
  input.isTTY = true;
  const modes: boolean[] = [];
  input.setRawMode = (mode: boolean) => modes.push(mode);
  const output = new PassThrough();
  let shown = '';
  output.on('data', (c: Buffer) => (shown += c.toString()));
  return { input, output, modes, shown: () => shown };
}

describe('reading a new password', () => {
  it('at a terminal: asks twice, never echoes what is typed, and leaves raw mode', async () => {
    const t = terminal();
    const answer = readNewPassword(t.input, t.output);
    t.input.write('s3cret horse\r');
    await new Promise((r) => setImmediate(r));
    t.input.write('s3cret horsX\u007fe\r');
    expect(await answer).toBe('s3cret horse');
    expect(t.shown()).toBe('Password: \nRepeat the password: \n');
    expect(t.modes).toEqual([true, false, true, false]);
  });

  it('at a terminal: two different answers add nothing', async () => {
    const t = terminal();
    const answer = readNewPassword(t.input, t.output);
    t.input.write('one password\r');
    await new Promise((r) => setImmediate(r));
    t.input.write('another one\r');
    await expect(answer).rejects.toThrow('The two passwords differ');
  });

  it('at a terminal: Ctrl+C cancels', async () => {
    const t = terminal();
    const answer = readNewPassword(t.input, t.output);
    t.input.write('half\u0003');
    await expect(answer).rejects.toThrow('Cancelled');
  });

  it('from a pipe: the first line, without its newline', async () => {
    const pipe = new PassThrough();
    pipe.end('piped password\r\nignored\n');
    expect(await readNewPassword(pipe, new PassThrough())).toBe('piped password');
  });
});
