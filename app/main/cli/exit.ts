/**
 * Exits once stdout and stderr have handed every byte to the OS. `process.exit` right after a large write
 * would cut a piped export short (a pipe takes 64 KiB at a time); a write's callback fires only after the
 * writes queued before it are flushed.
 */
export async function exitAfterOutput(code: number): Promise<never> {
  process.exitCode = code;
  const flushed = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => {
      if (stream.destroyed || !stream.writable) return resolve();
      stream.write('', () => resolve());
    });
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
