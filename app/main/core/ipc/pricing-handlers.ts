import type { Handlers } from '../../../../shared/ipc/contract';
import type { pricingChannels } from '../../../../shared/ipc/pricing-contract';
import type { HandlerEnv } from './handler-env';

/** The IPC handlers of the pricing screens: rule versions, routes and centres, through their entity services. */
export function pricingHandlers(env: HandlerEnv) {
  const { core } = env;
  return {
    'pricingRules.list': ({ product_uuid, includeWithdrawn }) =>
      core.pricingRules.list(product_uuid, { includeWithdrawn }),
    'pricingRules.create': (input) => core.pricingRules.create(input),
    'pricingRules.withdraw': ({ uuid }) => core.pricingRules.remove(uuid),
    'routes.list': (input) => core.routes.list(input),
    'routes.create': (input) => core.routes.create(input),
    'routes.update': ({ uuid, patch }) => core.routes.update(uuid, patch),
    'centres.list': (input) => core.centres.list(input),
    'centres.create': (input) => core.centres.create(input),
    'centres.update': ({ uuid, patch }) => core.centres.update(uuid, patch),
  } satisfies Pick<Handlers, keyof typeof pricingChannels>;
}
