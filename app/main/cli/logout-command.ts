import type { Command } from './commands';

const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;

/**
 * `logout` as the desktop's Sign out (docs/sessions.md): this user's unsent changes are sent first, since the
 * next user's token may not be allowed to send them. What is still unsent (offline, server away) is said, and
 * the sign-out goes ahead only with --force: the changes stay queued on this desk either way.
 */
export const logout: Command = async (core, flags, _args, out) => {
  const user = core.auth.current;
  let unsent = user ? await core.outbox.unsentBy(user.id) : 0;
  if (user && unsent > 0 && core.serverUrl()) {
    // Offline or refused: whatever is left is counted below.
    await core.engine.sync('manual').catch(() => undefined);
    unsent = await core.outbox.unsentBy(user.id);
  }
  if (unsent > 0 && !flags.force) {
    out.print(
      `Still signed in: ${changes(unsent)} not yet sent. They would stay on this desk ` +
        'and be sent when a user allowed to make them signs in again. Run "logout --force" to sign out anyway.',
      { ok: false, unsent },
    );
    return 1;
  }
  await core.auth.logout();
  out.print(
    unsent > 0
      ? `Signed out. ${changes(unsent)} not yet sent ${unsent === 1 ? 'stays' : 'stay'} queued on this desk.`
      : 'Signed out. Nothing left to send.',
    { ok: true, unsent },
  );
  return 0;
};
