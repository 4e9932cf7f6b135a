import type { Handlers } from '../../../../shared/ipc/contract';
import type { HandlerEnv } from './handler-env';

/** The desk's settings, selective sync included (one path for both channels that change it). */
export function settingsHandlers(env: HandlerEnv) {
  const { settings } = env;
  return {
    'settings.get': async () => settings.get(),
    async 'settings.set'(patch) {
      const before = JSON.stringify(settings.get().scale);
      const next = settings.set(patch);
      if (patch.serverUrl !== undefined) await env.applyServer(next.serverUrl);
      if (patch.selectiveSync) await env.setSelectiveSync(next.selectiveSync);
      // The whole Settings form sends the scale back unchanged: restart the reader only when it changed.
      if (patch.scale !== undefined && JSON.stringify(next.scale) !== before)
        await env.desk?.scale?.configure(next.scale);
      return next;
    },
    async 'sync.setSelective'({ entity_types }) {
      await env.setSelectiveSync(entity_types);
      return settings.get();
    },
  } satisfies Pick<Handlers, 'settings.get' | 'settings.set' | 'sync.setSelective'>;
}
