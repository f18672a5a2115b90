import type Database from 'better-sqlite3';
import { replaceIdInText } from '../../src/domain/ids.js';

// A person's new id, written wherever the old one stands: every text column of every table (plain
// id columns, JSON documents, keys of shared state and claims), so a table added later is covered
// too. Full-text indexes keep no ids. Runs inside the caller's transaction.

export function renamePersonEverywhere(db: Database.Database, oldId: string, newId: string): void {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'article_terms%' AND name NOT LIKE 'article_vocabulary%'",
    )
    .all() as { name: string }[];
  for (const { name: table } of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[]).filter(
      (c) => c.type.toUpperCase() === 'TEXT',
    );
    for (const { name: column } of columns) {
      const rows = db
        .prepare(`SELECT rowid AS rid, "${column}" AS value FROM "${table}" WHERE instr("${column}", ?) > 0`)
        .all(oldId) as { rid: number; value: string }[];
      const update = db.prepare(`UPDATE "${table}" SET "${column}" = ? WHERE rowid = ?`);
      for (const row of rows) {
        const replaced = replaceIdInText(row.value, oldId, newId);
        if (replaced !== row.value) update.run(replaced, row.rid);
      }
    }
  }
}
