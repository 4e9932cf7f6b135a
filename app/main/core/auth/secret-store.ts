import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where tokens live: Electron safeStorage in the desktop shell, a 0600 file for the headless client. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  private values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async set(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

/** A JSON map in a file readable by its owner only, replaced atomically so a crash never leaves half a file. */
export class OwnerOnlyJsonFile {
  constructor(private readonly path: string) {}

  read(): Record<string, string> {
    if (!existsSync(this.path)) return {};
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  write(values: Record<string, string>): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify(values), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }

  without(key: string): void {
    const values = this.read();
    delete values[key];
    this.write(values);
  }
}

/** Tokens in plain JSON in an owner-only file (the headless client). */
export class FileSecretStore implements SecretStore {
  private readonly file: OwnerOnlyJsonFile;
  constructor(path: string) {
    this.file = new OwnerOnlyJsonFile(path);
  }

  async get(key: string) {
    return this.file.read()[key];
  }
  async set(key: string, value: string) {
    this.file.write({ ...this.file.read(), [key]: value });
  }
  async delete(key: string) {
    this.file.without(key);
  }
}
