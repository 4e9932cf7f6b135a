/**
 * Sign-in limits count in fixed one-minute windows: a test that counts attempts first waits, if need be, until
 * it has `needMs` of the current minute ahead of it, so a window cannot end halfway through.
 */
export async function awayFromMinuteEnd(needMs = 15_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
