// The headless client's entry (built to out/main/cli.js; `npm run cli:dev` runs it from source with tsx).
import { runCli } from './main';
import { exitAfterOutput } from './exit';

void runCli(process.argv.slice(2)).then(exitAfterOutput, (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  return exitAfterOutput(1);
});
