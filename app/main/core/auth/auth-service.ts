import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { AppError, RoleSchema, type AuthUser, type Office, type TokenResponse, ROUTES } from '../../../../shared';
import type { LocalDatabase } from '../db/schema';
import type { Session } from '../domain/context';
import { SyncHttpError, type HttpClient } from '../sync/http-client';
import { deleteState, readState, SYNC_KEYS, writeState } from '../sync/sync-state';
import type { SecretStore } from './secret-store';

const ACCESS = 'access_token';
const ACCESS_EXPIRES = 'access_expires_at';
const REFRESH = 'refresh_token';

/** The refresh token was refused: the desk keeps everything queued and asks for a sign-in. */
export class AuthRequiredError extends Error {
  constructor(message = 'Sign in again to resume syncing') {
    super(message);
    this.name = 'AuthRequiredError';
  }
}

export interface SignedInUser extends AuthUser {
  offline: boolean;
}

/**
 * Online sign-in, token refresh and logout against the server; plus a local argon2id verifier so that a user
 * who signed in here before can unlock the desk with no network (docs/architecture.md "Security and offline sign-in").
 */
export class AuthService {
  private user: SignedInUser | null = null;
  private refreshing: Promise<string> | null = null;

  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly http: () => HttpClient | null,
    private readonly secrets: SecretStore,
    private readonly deviceId: string,
    private readonly onSession: (session: Session | null) => void,
    /** The office's settings as the server sent them with a token pair (none from an older server). */
    private readonly onOffice: (office: Office) => Promise<void> = async () => undefined,
  ) {}

  get current(): SignedInUser | null {
    return this.user;
  }

  async login(email: string, password: string, deviceName = 'CollectPay desk'): Promise<SignedInUser> {
    const http = this.http();
    if (!http) throw new AppError('VALIDATION_FAILED', 'No server is configured; connect to your office server first');
    let tokens: TokenResponse;
    try {
      tokens = await http.call(ROUTES.login, {
        email,
        password,
        device_id: this.deviceId,
        device_name: deviceName,
      });
    } catch (error) {
      if (error instanceof SyncHttpError && error.status === 401)
        throw new AppError('INVALID_CREDENTIALS', 'The email or password is wrong');
      if (error instanceof SyncHttpError && error.status === 429) throw new AppError('RATE_LIMITED', error.message);
      if (error instanceof SyncHttpError && error.status === 422)
        throw new AppError('VALIDATION_FAILED', error.message, error.fields);
      throw error;
    }
    await this.storeTokens(tokens);
    const verifier = await hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const now = new Date().toISOString();
    const row = {
      email: tokens.user.email,
      user_id: tokens.user.id,
      name: tokens.user.name,
      role: tokens.user.role,
      verifier,
      updated_at: now,
    };
    await this.db
      .insertInto('local_users')
      .values(row)
      .onConflict((oc) => oc.column('email').doUpdateSet(row))
      .execute();
    return this.begin({ ...tokens.user, offline: false });
  }

  /** Unlocks with no network, for a user who signed in online on this desk before. */
  async unlockOffline(email: string, password: string): Promise<SignedInUser> {
    const row = await this.db
      .selectFrom('local_users')
      .selectAll()
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    if (!row) {
      throw new AppError(
        'INVALID_CREDENTIALS',
        'This user has not signed in on this computer before; connect to the server to sign in the first time',
      );
    }
    const ok = await verify(row.verifier, password).catch(() => false);
    if (!ok) throw new AppError('INVALID_CREDENTIALS', 'The email or password is wrong');
    return this.begin({
      id: row.user_id,
      email: row.email,
      name: row.name,
      role: RoleSchema.parse(row.role),
      offline: true,
    });
  }

  /** The headless client keeps its session between runs; the desktop app unlocks on each start instead. */
  async restore(): Promise<SignedInUser | null> {
    const saved = await readState(this.db, SYNC_KEYS.session);
    if (!saved) return null;
    return this.begin(JSON.parse(saved) as SignedInUser, false);
  }

  async logout(): Promise<void> {
    const refresh = await this.secrets.get(REFRESH);
    const http = this.http();
    if (refresh && http) await http.call(ROUTES.logout, { refresh_token: refresh }).catch(() => undefined);
    for (const key of [ACCESS, ACCESS_EXPIRES, REFRESH]) await this.secrets.delete(key);
    await deleteState(this.db, SYNC_KEYS.session);
    this.user = null;
    this.onSession(null);
  }

  async hasServerSession(): Promise<boolean> {
    return Boolean(await this.secrets.get(REFRESH));
  }

  /** Runs a request with a fresh access token; a 401 refreshes once and retries; a refused refresh stops. */
  async authed<T>(request: (token: string) => Promise<T>): Promise<T> {
    let token = await this.accessToken();
    try {
      return await request(token);
    } catch (error) {
      if (!(error instanceof SyncHttpError) || error.kind !== 'auth') throw error;
      token = await this.refresh();
      try {
        return await request(token);
      } catch (again) {
        if (again instanceof SyncHttpError && again.kind === 'auth') throw new AuthRequiredError(again.message);
        throw again;
      }
    }
  }

  async accessToken(): Promise<string> {
    const token = await this.secrets.get(ACCESS);
    const expires = Number((await this.secrets.get(ACCESS_EXPIRES)) ?? 0);
    if (token && expires - Date.now() > 30_000) return token;
    return this.refresh();
  }

  private refresh(): Promise<string> {
    // Concurrent callers share one refresh: a second use of the same refresh token would revoke the family.
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<string> {
    const http = this.http();
    const refresh = await this.secrets.get(REFRESH);
    if (!http || !refresh) throw new AuthRequiredError();
    try {
      const tokens = await http.call(ROUTES.refresh, { refresh_token: refresh });
      await this.storeTokens(tokens);
      return tokens.access_token;
    } catch (error) {
      if (error instanceof SyncHttpError && error.kind === 'auth') {
        await this.secrets.delete(REFRESH);
        throw new AuthRequiredError(error.message);
      }
      throw error;
    }
  }

  private async storeTokens(tokens: TokenResponse): Promise<void> {
    await this.secrets.set(ACCESS, tokens.access_token);
    await this.secrets.set(ACCESS_EXPIRES, String(Date.now() + tokens.expires_in * 1000));
    await this.secrets.set(REFRESH, tokens.refresh_token);
    if (tokens.office) await this.onOffice(tokens.office);
  }

  private async begin(user: SignedInUser, persist = true): Promise<SignedInUser> {
    this.user = user;
    if (persist) await writeState(this.db, SYNC_KEYS.session, JSON.stringify(user));
    this.onSession({ userId: user.id, role: user.role });
    return user;
  }
}
