import { safeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../core/auth/secret-store';

/** Tokens encrypted with the OS keychain (safeStorage), kept in one file of the user's profile. */
export class SafeStorageSecretStore implements SecretStore {
  constructor(private readonly path: string) {}

  private read(): Record<string, string> {
    if (!existsSync(this.path)) return {};
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  private write(values: Record<string, string>) {
    writeFileSync(`${this.path}.tmp`, JSON.stringify(values), { mode: 0o600 });
    renameSync(`${this.path}.tmp`, this.path);
  }

  async get(key: string) {
    const sealed = this.read()[key];
    if (!sealed || !safeStorage.isEncryptionAvailable()) return undefined;
    try {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string) {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error('The system keychain is not available; cannot store the sign-in safely');
    this.write({ ...this.read(), [key]: safeStorage.encryptString(value).toString('base64') });
  }

  async delete(key: string) {
    const values = this.read();
    delete values[key];
    this.write(values);
  }
}
