import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { freePort } from '../../scripts/free-port';

/** The few PouchDB calls the comparison makes (the package ships no types). */
export interface PouchDb {
  bulkDocs(docs: object[]): Promise<unknown>;
  replicate: {
    to(url: string): Promise<{ docs_written: number }>;
    from(url: string): Promise<{ docs_written: number }>;
  };
  info(): Promise<{ doc_count: number }>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb') as new (name: string) => PouchDb;

export const openPouch = (dir: string, name: string): PouchDb => new PouchDB(join(dir, name));

/** express-pouchdb in its own process; resolves once it answers. */
export async function startPeerServer(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/peer/pouch-server.ts'], {
    env: { ...process.env, PEER_DIR: dir, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
