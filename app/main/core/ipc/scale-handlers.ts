import type { Handlers } from '../../../../shared/ipc/contract';
import { validationError } from '../../../../shared';
import type { HandlerEnv } from './handler-env';

const NONE = { state: 'none', port: '', message: 'This host has no scale' } as const;

/** The desk's serial scale: the ports to pick from, what it reads now, and the steady weight to record. */
export function scaleHandlers(env: HandlerEnv) {
  const scale = () => env.desk?.scale;
  return {
    'scale.ports': async () => (await scale()?.ports()) ?? [],
    'scale.state': async () => scale()?.now() ?? { status: NONE, latest: null },
    async 'scale.take'() {
      const desk = scale();
      if (!desk) throw validationError({ gross_weight_milli: 'this host has no scale: type the weight' });
      return desk.take();
    },
  } satisfies Pick<Handlers, 'scale.ports' | 'scale.state' | 'scale.take'>;
}
