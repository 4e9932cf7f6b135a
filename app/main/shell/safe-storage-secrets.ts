import { safeStorage } from 'electron';
import { OwnerOnlyJsonFile, type SecretStore } from '../core/auth/secret-store';

/** Tokens encrypted with the OS keychain (safeStorage), kept in one file of the user's profile. */
export class SafeStorageSecretStore implements SecretStore {
  private readonly file: OwnerOnlyJsonFile;
  constructor(path: string) {
    this.file = new OwnerOnlyJsonFile(path);
  }

  async get(key: string) {
    const sealed = this.file.read()[key];
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
    this.file.write({ ...this.file.read(), [key]: safeStorage.encryptString(value).toString('base64') });
  }

  async delete(key: string) {
    this.file.without(key);
  }
}
