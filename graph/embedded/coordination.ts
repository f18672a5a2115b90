import type Database from 'better-sqlite3';

// What lets work happen once: claims (each key once) and leases (one holder at a time, renewed,
// taken over when it runs out), kept in the `claims` and `state` tables.

export function claimOnce(db: Database.Database, key: string): boolean {
  return (
    db
      .prepare('INSERT INTO claims (key, claimed_at) VALUES (?, ?) ON CONFLICT(key) DO NOTHING')
      .run(key, new Date().toISOString()).changes === 1
  );
}

export function holdLease(db: Database.Database, name: string, holder: string, until: Date, now: Date): boolean {
  const key = `lease:${name}`;
  return db
    .transaction(() => {
      const row = db.prepare('SELECT value FROM state WHERE key = ?').get(key) as { value: string } | undefined;
      const lease = row ? (JSON.parse(row.value) as { holder: string; until: string }) : null;
      if (lease && lease.holder !== holder && Date.parse(lease.until) > now.getTime()) return false;
      db.prepare(
        'INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      ).run(key, JSON.stringify({ holder, until: until.toISOString() }), now.toISOString());
      return true;
    })
    .immediate();
}

export function releaseLease(db: Database.Database, name: string, holder: string): void {
  db.prepare("DELETE FROM state WHERE key = ? AND json_extract(value, '$.holder') = ?").run(`lease:${name}`, holder);
}
