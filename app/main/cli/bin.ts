// The headless client's entry (built to out/main/cli.js; `npm run cli:dev` runs it from source with tsx).
import { runCli } from './main';
import { exitAfterOutput } from './exit';

// The reader went away (`export | head`): nobody wants the rest, so stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

void runCli(process.argv.slice(2)).then(exitAfterOutput, (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  return exitAfterOutput(1);
});
