import type { DatabaseConnection } from 'kysely';
import { SqliteDialect, SqliteDriver, type Driver, type SqliteDialectConfig } from 'kysely';

/**
 * Whose turn it is on the desk's one SQLite connection. Kysely's driver takes it for each query and holds it
 * through a transaction; a synchronous write takes it at once when it is free, with no promise and no Kysely
 * instance made (Kysely's `connection().execute` built both on every payment), or waits its turn behind a
 * Kysely transaction. Turns are handed over in arrival order.
 */
export class ConnectionLock {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /** Takes the turn if nobody holds it; false when someone does. */
  tryTake(): boolean {
    if (this.held) return false;
    this.held = true;
    return true;
  }

  /** Resolves once the turn is this caller's. */
  take(): Promise<void> {
    if (this.tryTake()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the turn to the next in line, or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }

  /** Runs synchronous work in a turn of its own: now when the connection is free, else after those before it. */
  run<T>(work: () => T): T | Promise<T> {
    if (this.tryTake()) return this.holding(work);
    return this.take().then(() => this.holding(work));
  }

  private holding<T>(work: () => T): T {
    try {
      return work();
    } finally {
      this.release();
    }
  }
}

/** Kysely's SQLite driver, taking the shared turn around each connection it hands out. */
class LockedSqliteDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly lock: ConnectionLock,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.take();
    try {
      return await super.acquireConnection();
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.lock.release();
  }
}

/** The SQLite dialect whose driver shares `lock` with the synchronous writes (ctx.writeNow). */
export class LockedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly lock: ConnectionLock,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new LockedSqliteDriver(this.config, this.lock);
  }
}
