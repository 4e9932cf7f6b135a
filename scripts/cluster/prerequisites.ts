/**
 * Tests that need Galera, Redis or HAProxy: when a part cannot run on this machine they are skipped with a
 * banner nobody can miss, never silently. In CI (CI=true) the parts are installed by .ci/run, so a missing
 * one fails the run instead.
 */
export function skipLoudlyWithout(what: string, reason: string | null): boolean {
  if (!reason) return false;
  if (process.env.CI === 'true') throw new Error(`CI must run ${what}, but ${reason}`);
  const bar = '!'.repeat(100);
  console.warn(`\n${bar}\n!! SKIPPED: ${what}\n!! because ${reason}\n${bar}\n`);
  return true;
}
