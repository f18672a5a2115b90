import type Database from 'better-sqlite3';

// The network's change counter (issue: a running hub sees every write, whoever made it). Every
// transaction that writes the network moves it by one, in the same transaction, whichever
// process writes: the hub, the import and seed commands, a restore.

export function bumpChangeSequence(db: Database.Database): void {
  db.prepare('UPDATE change_sequence SET value = value + 1 WHERE id = 1').run();
}

export function readChangeSequence(db: Database.Database): number {
  return (
    (db.prepare('SELECT value FROM change_sequence WHERE id = 1').get() as { value: number } | undefined)?.value ?? 0
  );
}

/**
 * How many changes this store object wrote itself, shared by its adapters: a running hub tells its
 * own writes from other processes' by comparing this with the change counter.
 */
export class OwnChanges {
  private count = 0;

  /** Moves the change counter inside the running transaction, counted as this store's own. */
  bumpInTransaction(db: Database.Database): void {
    bumpChangeSequence(db);
    this.count++;
  }

  counted(): void {
    this.count++;
  }

  get value(): number {
    return this.count;
  }
}
