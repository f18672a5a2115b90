import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { StoreUnavailable } from '../../src/domain/errors.js';

// Managed read and write transactions on one database, with the driver's errors for a server
// that cannot be reached turned into the hub's StoreUnavailable. Shared by the store's adapters.

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

export function mapError(error: unknown): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code && UNAVAILABLE.has(code)) return new StoreUnavailable('Neo4j');
  return error;
}

export class Neo4jSessions {
  constructor(
    readonly driver: Driver,
    readonly database: string | undefined,
  ) {}

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work);
    } catch (error) {
      throw mapError(error);
    } finally {
      await session.close();
    }
  }

  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database });
    try {
      return await session.executeWrite(work);
    } catch (error) {
      throw mapError(error);
    } finally {
      await session.close();
    }
  }
}
