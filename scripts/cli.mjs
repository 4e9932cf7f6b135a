// `npm run cli -- …`: the headless client as built by `npm run build` (`npm run cli:dev -- …` runs the source).
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/cli.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    'The headless client is not built yet: run `npm run build` first (or `npm run cli:dev -- …` to run it from source).\n',
  );
  process.exit(1);
}
await import(built.href);
