import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventMap, EventName, Handlers } from '../../../../shared/ipc/contract';
import type { ClashDecision } from '../../../../shared/ipc/inputs';
import type { SetupStatus } from '../../../../shared/ipc/types';
import { createIpcHandlers, type DeskControl } from '../ipc/ipc-handlers';
import { MemorySecretStore, type SecretStore } from '../auth/secret-store';
import { createCore, type Core } from '../create-core';
import type { ReportPrinter } from '../reports/printer';
import { DeskScale } from '../scale/desk-scale';
import type { ScaleSource } from '../scale/scale-source';
import type { SettingsStore } from '../settings';
import { readState, SYNC_KEYS } from '../sync/sync-state';
import { attachTriggers, type TriggerSources } from '../sync/triggers';
import { wireEvents } from '../wire-events';
import { connectDesk, type ConnectResult } from './connect';
import { seedDemo } from './demo-seed';
import { demoSettings } from './demo-settings';
import { createLocalAdmin, type LocalAdmin } from './local-admin';

export interface DeskOptions {
  dataDir: string;
  settings: SettingsStore;
  printer: ReportPrinter;
  secrets: SecretStore;
  orgTimeZone: string;
  /** Extra event sources from the host (focus, resume…); local writes are always wired. */
  triggers?: TriggerSources;
  /** The host's serial adapter for reading scales (serialport in the app); none where there is no port. */
  scale?: ScaleSource;
}

type Send = <E extends EventName>(event: E, payload: EventMap[E]) => void;

const DEMO_FILE = 'demo.sqlite';
const DEMO_PASSWORD = 'demo-password';

/**
 * Owns the desk's database(s) on a data directory: the real one, and while exploring, a clearly separate demo
 * database that "Leave demo" deletes whole. Hosts (Electron shell, test host) route every IPC call and event
 * through it, so switching between them is invisible to the renderer.
 */
export class DeskManager implements DeskControl {
  private current!: Core;
  private handlers!: Handlers;
  private main!: Core;
  private demo: Core | null = null;
  private detach: () => void = () => undefined;
  /** Each renderer wired, with the unsubscribe of its forwarding from the database in use. */
  private wired = new Map<Send, () => void>();
  /** The machine's scale, shared by the real and the demo database. */
  readonly scale: DeskScale;

  private constructor(private readonly options: DeskOptions) {
    this.scale = new DeskScale(options.scale ?? null);
  }

  static async open(options: DeskOptions): Promise<DeskManager> {
    const manager = new DeskManager(options);
    const serverUrl = options.settings.get().serverUrl;
    manager.main = await createCore({
      filename: join(options.dataDir, 'desk.sqlite'),
      secrets: options.secrets,
      orgTimeZone: options.orgTimeZone,
      ...(serverUrl ? { serverUrl } : {}),
    });
    // A demo left open by a crash is not resumed: it is removed, as "Leave demo" would.
    rmSync(join(options.dataDir, DEMO_FILE), { force: true });
    manager.use(manager.main);
    await manager.scale.configure(options.settings.get().scale);
    return manager;
  }

  get core(): Core {
    return this.current;
  }

  /** Where a ScaleReader gets its port from on this host, or null. */
  get scaleSource(): ScaleSource | null {
    return this.options.scale ?? null;
  }

  /** The handlers of the database in use now; hosts look this up per call. */
  api(): Handlers {
    return this.handlers;
  }

  /** Forwards core events to a renderer, re-wired whenever the desk switches database. */
  wire(send: Send): () => void {
    this.wired.set(send, wireEvents(this.current, send));
    const offReading = this.scale.onReading((reading) => send('scale.reading', reading));
    const offStatus = this.scale.onStatus((status) => send('scale.status', status));
    return () => {
      // A renderer gone (a reload, a closed browser tab) stops hearing the core at once: nothing piles up.
      this.wired.get(send)?.();
      this.wired.delete(send);
      offReading();
      offStatus();
    };
  }

  async status(): Promise<SetupStatus> {
    const mode = await readState(this.main.db, SYNC_KEYS.mode);
    const demo = this.demo !== null;
    if (mode === 'local' || mode === 'server') return { mode, demo };
    // A desk from before modes existed, whose users signed in online: it works with a server.
    const users = await this.main.db.selectFrom('local_users').select('email').executeTakeFirst();
    return { mode: users ? 'server' : 'unset', demo };
  }

  async initLocal(input: LocalAdmin): Promise<void> {
    await createLocalAdmin(this.main, input);
  }

  /** Joins a server; with decisions, settles each code clash the user was shown (merge or new code) first. */
  async connect(
    input: { serverUrl: string; email: string; password: string },
    decisions?: readonly ClashDecision[],
  ): Promise<ConnectResult> {
    this.options.settings.set({ serverUrl: input.serverUrl });
    const result = await connectDesk(this.main, input, decisions ? { decisions } : {});
    if (result.status === 'connected') this.main.startLive();
    return result;
  }

  async startDemo(): Promise<{ collections: number; payments: number }> {
    if (this.demo) return { collections: 0, payments: 0 };
    const demo = await createCore({
      filename: join(this.options.dataDir, DEMO_FILE),
      secrets: new MemorySecretStore(),
      orgTimeZone: this.options.orgTimeZone,
    });
    await createLocalAdmin(demo, {
      name: 'Demo Supervisor',
      email: 'demo@collectpay.example',
      password: DEMO_PASSWORD,
    });
    const counts = await seedDemo(demo);
    this.demo = demo;
    this.use(demo);
    return counts;
  }

  async leaveDemo(): Promise<void> {
    if (!this.demo) return;
    const demo = this.demo;
    this.demo = null;
    this.use(this.main);
    await demo.close();
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(this.options.dataDir, `${DEMO_FILE}${suffix}`), { force: true });
  }

  demoFileExists(): boolean {
    return existsSync(join(this.options.dataDir, DEMO_FILE));
  }

  async close(): Promise<void> {
    await this.scale.stop();
    this.detach();
    for (const off of this.wired.values()) off();
    this.wired.clear();
    if (this.demo) await this.leaveDemo();
    await this.main.close();
  }

  private use(core: Core): void {
    this.detach();
    this.current = core;
    const settings = core === this.demo ? demoSettings(this.options.settings) : this.options.settings;
    this.handlers = createIpcHandlers(core, settings, this.options.printer, this);
    this.detach = attachTriggers(core.engine, {
      ...this.options.triggers,
      localWrite: (fire) => core.events.on('local-write', fire),
    });
    for (const [send, off] of this.wired) {
      off();
      this.wired.set(send, wireEvents(core, send));
      send('data.changed', { source: 'local', entity_types: [] });
    }
  }
}
