import 'fake-indexeddb/auto';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';

// The WebAssembly crypto machine keeps its account, sessions and room keys in IndexedDB, which
// Node has only in memory (fake-indexeddb). So that the bot keeps one device across restarts and
// instances, its databases are saved after every change as one snapshot: its own values are
// already encrypted with a passphrase derived from the hub's secret, and the snapshot as a whole
// is sealed with AES-256-GCM under another key derived from it. The snapshot lives where the
// caller says (the hub's store, shared by every instance that may take the bots' lease over).

export interface SnapshotPlace {
  load(): Promise<string | null>;
  save(snapshot: string): Promise<void>;
}

interface StoreDump {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
  records: [IDBValidKey, unknown][];
}

interface DatabaseDump {
  name: string;
  version: number;
  stores: StoreDump[];
}

const MAGIC = 'hubcrypto1';

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });

/**
 * Opens a database only if it exists: opening one that was just deleted would create it empty,
 * and a snapshot of that would leave the machine without its stores.
 */
function openExisting(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    const opening = indexedDB.open(name);
    opening.onupgradeneeded = () => opening.transaction?.abort();
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => resolve(null);
  });
}

export class CryptoStoreFile {
  readonly storeName: string;
  readonly passphrase: string;
  private readonly key: Buffer;
  private queued: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closers: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly place: SnapshotPlace,
    secret: Buffer,
    /** Tells this bot's store apart from others in the same process (another bot account). */
    account: string,
  ) {
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, account, info, 32));
    this.storeName = `hub-${createHash('sha256').update(account).digest('hex').slice(0, 16)}`;
    this.passphrase = derive('matrix crypto store passphrase').toString('hex');
    this.key = derive('matrix crypto snapshot');
  }

  /** Brings the saved databases back, unless this process still has them (a restart of the bot alone). */
  async restore(): Promise<void> {
    if ((await this.ownDatabases()).length > 0) return;
    const sealed = await this.place.load();
    if (!sealed) return;
    for (const db of this.open(sealed)) await this.recreate(db);
  }

  /** Saves the databases as they are now; calls while a save waits share it. Nothing after close(). */
  save(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.queued) return this.queued;
    const next = this.chain.then(async () => {
      this.queued = null;
      await this.place.save(this.seal(await this.dump()));
    });
    this.queued = next;
    this.chain = next.catch(() => {});
    return next;
  }

  onClose(close: () => void): void {
    this.closers.push(close);
  }

  /** Waits for the last save and closes the machine; later saves are dropped (the machine is gone). */
  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
    for (const close of this.closers.splice(0)) close();
  }

  private async ownDatabases(): Promise<{ name: string; version: number }[]> {
    const all = await indexedDB.databases();
    return all
      .filter((d): d is { name: string; version: number } => Boolean(d.name?.startsWith(`${this.storeName}::`)))
      .map((d) => ({ name: d.name, version: d.version ?? 1 }));
  }

  private async dump(): Promise<DatabaseDump[]> {
    const dumps: DatabaseDump[] = [];
    for (const { name } of await this.ownDatabases()) {
      const db = await openExisting(name);
      if (!db) continue;
      try {
        const names = [...db.objectStoreNames];
        const stores: StoreDump[] = [];
        if (names.length) {
          const tx = db.transaction(names, 'readonly');
          for (const storeName of names) {
            const store = tx.objectStore(storeName);
            const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
            stores.push({
              name: storeName,
              keyPath: store.keyPath as string | string[] | null,
              autoIncrement: store.autoIncrement,
              indexes: [...store.indexNames].map((indexName) => {
                const index = store.index(indexName);
                return {
                  name: indexName,
                  keyPath: index.keyPath as string | string[],
                  unique: index.unique,
                  multiEntry: index.multiEntry,
                };
              }),
              records: keys.map((key, i) => [key, values[i]]),
            });
          }
          await done(tx);
        }
        dumps.push({ name, version: db.version, stores });
      } finally {
        db.close();
      }
    }
    return dumps;
  }

  private async recreate(dump: DatabaseDump): Promise<void> {
    const opening = indexedDB.open(dump.name, dump.version);
    opening.onupgradeneeded = () => {
      const db = opening.result;
      for (const s of dump.stores) {
        const store = db.createObjectStore(s.name, {
          ...(s.keyPath !== null ? { keyPath: s.keyPath } : {}),
          autoIncrement: s.autoIncrement,
        });
        for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
      }
    };
    const db = await request(opening);
    try {
      if (dump.stores.length === 0) return;
      const tx = db.transaction(
        dump.stores.map((s) => s.name),
        'readwrite',
      );
      for (const s of dump.stores) {
        const store = tx.objectStore(s.name);
        for (const [key, value] of s.records) {
          if (s.keyPath === null) store.put(value, key);
          else store.put(value);
        }
      }
      await done(tx);
    } finally {
      db.close();
    }
  }

  private seal(dumps: DatabaseDump[]): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(serialize(dumps)), cipher.final()]);
    return `${MAGIC}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  private open(sealed: string): DatabaseDump[] {
    const [magic, payload] = sealed.split('.');
    if (magic !== MAGIC || !payload) throw new Error('The saved Matrix crypto store is not in a known format.');
    const bytes = Buffer.from(payload, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return deserialize(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()])) as DatabaseDump[];
  }
}
