import neo4j, {
  isRetryableError,
  ManagedTransaction,
  type Driver,
  type Record as Neo4jRecord,
  type Session,
} from 'neo4j-driver';
import { StoreUnavailable } from '../../src/domain/errors.js';

// Managed read and write transactions on one database, with the driver's errors for a server
// that cannot be reached turned into the hub's StoreUnavailable. Shared by the store's adapters.

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);
const WRITE_RETRY_MS = 5000;
const FIRST_WRITE_PAUSE_MS = 5;

export function mapError(error: unknown): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code && UNAVAILABLE.has(code)) return new StoreUnavailable('Neo4j');
  return error;
}

/**
 * The transaction with `run` made cheaper: the driver records the caller's stack trace for every
 * statement (to put on an error it may report later), and formatting one, through the source maps
 * the hub runs with, cost a tenth of the hub's CPU per write under load. The errors the hub shows
 * or logs from Neo4j carry their code and message, which is what they are read for.
 */
function withoutCallSites(tx: ManagedTransaction): ManagedTransaction {
  const run = tx.run.bind(tx);
  tx.run = ((query: string, params?: Record<string, unknown>) =>
    withoutCallSite(() => run(query, params))) as ManagedTransaction['run'];
  return tx;
}

function withoutCallSite<T>(call: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return call();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export class Neo4jSessions {
  constructor(
    readonly driver: Driver,
    readonly database: string | undefined,
  ) {}

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead((tx) => work(withoutCallSites(tx)));
    } catch (error) {
      throw mapError(error);
    } finally {
      await session.close();
    }
  }

  /**
   * A write transaction, retried on transient errors (a deadlock between two writers) for up to
   * 5 s. The driver's own retries wait a second before the first repeat, which at Germany scale
   * under ten writers put one write in a hundred at over a second; these start at 5 ms and grow.
   */
  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.retried(async (session) => {
      const tx = session.beginTransaction();
      try {
        const result = await work(withoutCallSites(ManagedTransaction.fromTransaction(tx)));
        await withoutCallSite(() => tx.commit());
        return result;
      } catch (error) {
        if (tx.isOpen()) await tx.rollback().catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * One updating statement as a transaction of its own (auto-commit), retried like write(): one
   * round trip, where a transaction begun, run and committed takes three. For writes that read
   * nothing before they write.
   */
  async writeStatement(query: string, params: Record<string, unknown>): Promise<void> {
    await this.retried((session) => withoutCallSite(() => session.run(query, params)));
  }

  private async retried<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + WRITE_RETRY_MS;
    for (let pause = FIRST_WRITE_PAUSE_MS; ; pause = Math.min(pause * 2, 1000)) {
      const session = this.driver.session({ database: this.database });
      try {
        return await work(session);
      } catch (error) {
        if (!isRetryableError(error) || Date.now() + pause > giveUpAt) throw mapError(error);
      } finally {
        await session.close();
      }
      await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
    }
  }

  /** The records of one read query. */
  async records(query: string, params: Record<string, unknown> = {}): Promise<Neo4jRecord[]> {
    return (await this.read((tx) => tx.run(query, params))).records;
  }

  /**
   * One idempotent statement in an auto-commit transaction, retried on transient errors for as
   * long as the driver retries managed transactions (30 s), with the same growing pauses.
   */
  async autoCommit<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + 30_000;
    for (let pause = 1000; ; pause = Math.min(pause * 2, 8000)) {
      const session = this.driver.session({ database: this.database });
      try {
        return await work(session);
      } catch (error) {
        if (!isRetryableError(error) || Date.now() + pause > giveUpAt) throw mapError(error);
      } finally {
        await session.close();
      }
      await new Promise((resolve) => setTimeout(resolve, pause * (0.8 + Math.random() * 0.4)));
    }
  }
}

/** How many changes this store object wrote itself, shared by its adapters. */
export class OwnChanges {
  private count = 0;

  counted(): void {
    this.count++;
  }

  get value(): number {
    return this.count;
  }
}
