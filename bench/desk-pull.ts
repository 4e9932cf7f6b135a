import { desk } from './env';
import { deskScript, peakMb, rssNowMb } from './desk-process';

/**
 * Figure 6a's desk: a process of its own that signs in as the bench user, pulls everything from the server into
 * a fresh SQLite file (the real engine) and reports its memory.
 * Usage: node --import tsx bench/desk-pull.ts <dir> <server url>
 */
deskScript(async () => {
  const [dir, serverUrl] = process.argv.slice(2);
  if (!dir || !serverUrl) throw new Error('usage: desk-pull <dir> <server url>');
  const core = await desk({ dir, serverUrl }, `pull-memory-${process.pid}`);
  const opened = rssNowMb();
  const result = await core.engine.sync('manual');
  const after = rssNowMb();
  const peak = peakMb();
  await core.close();
  return { opened, after, peak, rows: result.pulled };
});
