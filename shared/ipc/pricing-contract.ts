import { z } from 'zod';
import { ByUuid, def } from './channel-def';
import {
  centres,
  pricingRules,
  routes,
  uuidField,
  type CentreRow,
  type PricingRuleRow,
  type RouteRow,
} from '../domain';

/**
 * The pricing screens' channels (issue 18): rule versions per product, and the routes and centres that suppliers
 * belong to and overrides name. Part of the one IPC contract (contract.ts). The preview prices in the renderer
 * with shared/pricing's priceDelivery, so it needs no channel.
 */

const Listing = z.strictObject({ includeInactive: z.boolean().optional() });

export const pricingChannels = {
  /** A product's versions, newest first; withdrawn ones too when asked (they still price old collections). */
  'pricingRules.list': def<PricingRuleRow[]>()(
    z.strictObject({ product_uuid: uuidField, includeWithdrawn: z.boolean().optional() }),
  ),
  'pricingRules.create': def<PricingRuleRow>()(pricingRules.createSchema),
  'pricingRules.withdraw': def<PricingRuleRow>()(ByUuid),
  'routes.list': def<RouteRow[]>()(Listing),
  'routes.create': def<RouteRow>()(routes.createSchema),
  'routes.update': def<RouteRow>()(z.strictObject({ uuid: uuidField, patch: routes.patchSchema })),
  'centres.list': def<CentreRow[]>()(Listing),
  'centres.create': def<CentreRow>()(centres.createSchema),
  'centres.update': def<CentreRow>()(z.strictObject({ uuid: uuidField, patch: centres.patchSchema })),
};
