import type { Handlers } from '../../../../shared/ipc/contract';
import type { pricingChannels } from '../../../../shared/ipc/pricing-contract';
import type { HandlerEnv } from './handler-env';

/**
 * The IPC handlers of the pricing screens: rule versions, routes and centres, through their entity services (the
 * `…Parsed` writes: dispatch has parsed the input).
 */
export function pricingHandlers(env: HandlerEnv) {
  const { core } = env;
  return {
    'pricingRules.list': ({ product_uuid, includeWithdrawn }) =>
      core.pricingRules.list(product_uuid, { includeWithdrawn }),
    'pricingRules.create': (input) => core.pricingRules.createParsed(input),
    'pricingRules.withdraw': ({ uuid }) => core.pricingRules.remove(uuid),
    'routes.list': (input) => core.routes.list(input),
    'routes.create': (input) => core.routes.createParsed(input),
    'routes.update': ({ uuid, patch }) => core.routes.updateParsed(uuid, patch),
    'centres.list': (input) => core.centres.list(input),
    'centres.create': (input) => core.centres.createParsed(input),
    'centres.update': ({ uuid, patch }) => core.centres.updateParsed(uuid, patch),
  } satisfies Pick<Handlers, keyof typeof pricingChannels>;
}
