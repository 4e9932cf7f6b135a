import { desk } from './env';
import { peakMb, rssNowMb } from './desk-process';

/**
 * Figure 6a's desk: a process of its own that signs in as the bench user, pulls everything from the server into
 * a fresh SQLite file (the real engine) and reports its memory.
 * Usage: node --import tsx bench/desk-pull.ts <dir> <server url>
 */
async function main() {
  const [dir, serverUrl] = process.argv.slice(2);
  if (!dir || !serverUrl) throw new Error('usage: desk-pull <dir> <server url>');
  const core = await desk({ dir, serverUrl }, `pull-memory-${process.pid}`);
  const opened = rssNowMb();
  const result = await core.engine.sync('manual');
  const after = rssNowMb();
  process.stdout.write(`${JSON.stringify({ opened, after, peak: peakMb(), rows: result.pulled })}\n`);
  await core.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
