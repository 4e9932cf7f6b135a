import type { Handlers } from '../../../../shared/ipc/contract';
import { checkServer } from '../sync/check-server';
import { deskOf, type HandlerEnv } from './handler-env';

/** Signing in and out, choosing the server, and the first-run / demo set-up. */
export function sessionHandlers(env: HandlerEnv) {
  const { core, settings } = env;
  return {
    'session.info': () => env.sessionInfo(),
    async 'session.login'({ email, password }) {
      await env.applyServer(settings.get().serverUrl);
      await core.auth.login(email, password, 'CollectPay desk');
      core.engine.trigger('login');
      core.startLive();
      return env.sessionInfo();
    },
    async 'session.unlock'({ email, password }) {
      await core.auth.unlockOffline(email, password);
      if (await core.auth.hasServerSession()) {
        core.engine.trigger('login');
        core.startLive();
      }
      return env.sessionInfo();
    },
    async 'session.logout'() {
      core.stopLive();
      await core.auth.logout();
      return env.sessionInfo();
    },
    async 'session.unsent'() {
      const user = core.auth.current;
      return { count: user ? await core.outbox.unsentBy(user.id) : 0 };
    },
    async 'session.connect'({ serverUrl }) {
      const result = await checkServer(serverUrl);
      if (result.ok) {
        settings.set({ serverUrl });
        await env.applyServer(serverUrl);
      }
      return result;
    },

    'setup.status': async () => deskOf(env).status(),
    async 'setup.local'(input) {
      await deskOf(env).initLocal(input);
      return env.sessionInfo();
    },
    async 'setup.connect'(input) {
      const desk = deskOf(env);
      const { decisions, ...credentials } = input;
      const result = await desk.connect(credentials, decisions);
      return { ...result, clashes: result.clashes.map(({ server_row: _row, ...c }) => c) };
    },
    async 'setup.demo'() {
      await deskOf(env).startDemo();
      return env.sessionInfo();
    },
    async 'setup.leaveDemo'() {
      await deskOf(env).leaveDemo();
      return { ok: true };
    },
  } satisfies Pick<
    Handlers,
    | 'session.info'
    | 'session.login'
    | 'session.unlock'
    | 'session.logout'
    | 'session.unsent'
    | 'session.connect'
    | 'setup.status'
    | 'setup.local'
    | 'setup.connect'
    | 'setup.demo'
    | 'setup.leaveDemo'
  >;
}
