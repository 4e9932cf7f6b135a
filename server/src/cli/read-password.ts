/** Where a CLI reads a secret from: the terminal (no echo) or a pipe (`printf %s "$PW" | … user:add`). */
export interface SecretInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** Reads one line typed at the terminal without echoing it; Ctrl+C or Ctrl+D before Enter cancels. */
function promptHidden(question: string, input: SecretInput, output: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(question);
    input.setRawMode?.(true);
    input.resume();
    let typed = '';
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new Error('Cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

/** All of a piped input's first line (a trailing newline is not part of the password). */
async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) text += chunk.toString();
  return text.split(/\r?\n/)[0] ?? '';
}

/**
 * The new user's password when `--password` was not given: typed twice at a terminal (never echoed, never in
 * the shell history or the process list), or the first line of standard input when it is a pipe.
 */
export async function readNewPassword(input: SecretInput, output: NodeJS.WritableStream): Promise<string> {
  if (!input.isTTY) return readFirstLine(input);
  const first = await promptHidden('Password: ', input, output);
  const again = await promptHidden('Repeat the password: ', input, output);
  if (first !== again) throw new Error('The two passwords differ; nothing was added');
  return first;
}
