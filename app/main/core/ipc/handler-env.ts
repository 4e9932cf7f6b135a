import { AppError, dayBounds, localDateOf, type EntityType } from '../../../../shared';
import type { ClashDecision } from '../../../../shared/ipc/inputs';
import type { SessionInfo, SetupStatus } from '../../../../shared/ipc/types';
import type { Core } from '../create-core';
import type { ConnectResult } from '../desk/connect';
import type { DeskScale } from '../scale/desk-scale';
import type { LocalAdmin } from '../desk/local-admin';
import type { ReportPrinter } from '../reports/printer';
import { printedAtIn } from '../reports/printed-at';
import type { ReportContext } from '../reports/reports';
import { officeSettings } from '../office-settings';
import type { SettingsStore } from '../settings';
import { SYNC_KEYS, writeState } from '../sync/sync-state';

/** First-run and demo control, from whoever owns the desk's databases (DeskManager). */
export interface DeskControl {
  status(): Promise<SetupStatus>;
  initLocal(input: LocalAdmin): Promise<void>;
  connect(
    input: { serverUrl: string; email: string; password: string },
    decisions?: readonly ClashDecision[],
  ): Promise<ConnectResult>;
  startDemo(): Promise<{ collections: number; payments: number }>;
  leaveDemo(): Promise<void>;
  /** The machine's serial scale, where the host has one (not the CLI). */
  readonly scale?: DeskScale;
}

/** What the handler groups share: the core, the settings, the printer, and a few helpers more than one group needs. */
export interface HandlerEnv {
  core: Core;
  settings: SettingsStore;
  printer: ReportPrinter;
  desk?: DeskControl;
  sessionInfo(): Promise<SessionInfo>;
  /** Points the core at a new server address (stops the live channel first). */
  applyServer(url: string): Promise<void>;
  /** Which kinds of record this desk pulls: kept in the settings and in the sync state, together. */
  setSelectiveSync(types: EntityType[]): Promise<void>;
  /** Today in the organisation's time zone, and its bounds as instants. */
  today(): { date: string; start: string; end: string };
  /** What every printed page carries: the company, the money format, the paper, who printed it and when. */
  reportContext(): ReportContext;
}

export function createHandlerEnv(
  core: Core,
  deskSettings: SettingsStore,
  printer: ReportPrinter,
  desk?: DeskControl,
): HandlerEnv {
  const settings = officeSettings(deskSettings, core.officeCurrency);
  return {
    core,
    settings,
    printer,
    desk,
    async sessionInfo() {
      const known = await core.db.selectFrom('local_users').select(['email', 'name']).orderBy('name').execute();
      return {
        user: core.auth.current,
        serverUrl: core.serverUrl(),
        deviceId: core.deviceId,
        knownUsers: known,
        orgTimeZone: core.ctx.orgTimeZone,
        officeCurrency: core.officeCurrency(),
      };
    },
    async applyServer(url) {
      if (url && url !== core.serverUrl()) {
        core.stopLive();
        await core.setServerUrl(url);
      }
    },
    async setSelectiveSync(types) {
      settings.set({ selectiveSync: types });
      await writeState(core.db, SYNC_KEYS.entityTypes, JSON.stringify(types));
    },
    today() {
      const date = localDateOf(core.ctx.now(), core.ctx.orgTimeZone);
      return { date, ...dayBounds(date, core.ctx.orgTimeZone) };
    },
    reportContext() {
      const s = settings.get();
      return {
        company: { name: s.companyName, address: s.companyAddress },
        money: { currency: s.currency, locale: s.locale },
        paper: s.paperSize,
        printedBy: core.auth.current?.name ?? 'unknown user',
        printedAt: printedAtIn(core.ctx.orgTimeZone, core.ctx.now()),
      };
    },
  };
}

/** The desk-owning calls exist only where a DeskManager runs the core. */
export function deskOf(env: HandlerEnv): DeskControl {
  if (!env.desk) throw new AppError('FORBIDDEN', 'Not available here');
  return env.desk;
}
