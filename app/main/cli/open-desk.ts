import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { FileSecretStore } from '../core/auth/secret-store';
import { createCore, type Core } from '../core/create-core';

export interface DeskOptions {
  dataDir?: string;
  server?: string;
  orgTimeZone?: string;
}

function defaultDataDir(): string {
  return process.env.COLLECTPAY_DATA_DIR ?? join(homedir(), '.collectpay');
}

/** The headless client's desk: a SQLite file and a 0600 token file in the data directory. */
export async function openDesk(options: DeskOptions): Promise<Core> {
  const dir = options.dataDir ?? defaultDataDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const core = await createCore({
    filename: join(dir, 'desk.sqlite'),
    secrets: new FileSecretStore(join(dir, 'secrets.json')),
    orgTimeZone: options.orgTimeZone ?? process.env.ORG_TIMEZONE ?? 'UTC',
    ...(options.server ? { serverUrl: options.server } : {}),
  });
  await core.auth.restore();
  return core;
}
