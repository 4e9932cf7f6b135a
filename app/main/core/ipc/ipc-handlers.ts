import type { Handlers } from '../../../../shared/ipc/contract';
import type { Core } from '../create-core';
import type { ReportPrinter } from '../reports/printer';
import type { SettingsStore } from '../settings';
import { createHandlerEnv, type DeskControl } from './handler-env';
import {
  collectionHandlers,
  dashboardHandlers,
  paymentHandlers,
  productHandlers,
  supplierHandlers,
} from './records-handlers';
import { payRunHandlers } from './pay-run-handlers';
import { pricingHandlers } from './pricing-handlers';
import { reportHandlers } from './report-handlers';
import { scaleHandlers } from './scale-handlers';
import { sessionHandlers } from './session-handlers';
import { settingsHandlers } from './settings-handlers';
import { conflictHandlers, syncHandlers } from './sync-handlers';

export type { DeskControl } from './handler-env';

/**
 * The IPC handlers, one per contract channel, merged from one group per feature (each group `satisfies` its slice of
 * Handlers; the merge must be all of it, so a missing channel is a compile error). Inputs arrive parsed by dispatch.
 */
export function createIpcHandlers(
  core: Core,
  settings: SettingsStore,
  printer: ReportPrinter,
  desk?: DeskControl,
): Handlers {
  const env = createHandlerEnv(core, settings, printer, desk);
  return {
    ...sessionHandlers(env),
    ...settingsHandlers(env),
    ...dashboardHandlers(env),
    ...supplierHandlers(env),
    ...productHandlers(env),
    ...collectionHandlers(env),
    ...paymentHandlers(env),
    ...syncHandlers(env),
    ...conflictHandlers(env),
    ...reportHandlers(env),
    ...payRunHandlers(env),
    ...pricingHandlers(env),
    ...scaleHandlers(env),
  } satisfies Handlers;
}
