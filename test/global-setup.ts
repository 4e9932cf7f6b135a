import { ensureBuilt } from '../scripts/ensure-built';

/**
 * Some tests run what `npm run build` makes (the bundled headless client). Build once, before any worker starts,
 * when out/ is missing or older than the sources, so a fresh checkout's `npm test` needs no extra step and two
 * workers never build at the same time.
 */
export default function setup(): void {
  ensureBuilt();
}
