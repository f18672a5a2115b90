import type { ManagedTransaction } from 'neo4j-driver';

// The writes of one transaction, collected and then sent as one statement: each becomes a unit
// subquery (`CALL () { … }`, which Cypher runs in order, later ones seeing what earlier ones
// wrote) with its parameters renamed apart. One round trip instead of one per kind of record;
// imports, whose rows go past CHUNK, still run statement by statement in chunks.

const CHUNK = 5_000;

interface Statement {
  query: string;
  params: Record<string, unknown>;
  rows: number;
}

export class Statements {
  private readonly list: Statement[] = [];

  /** One updating statement (it must end in a write: CREATE, SET, DELETE, MERGE, FOREACH). */
  add(query: string, params: Record<string, unknown> = {}, rows = 1): this {
    this.list.push({ query, params, rows });
    return this;
  }

  /** An UNWIND statement over rows, in chunks so one statement never carries a huge parameter. */
  unwind(query: string, rows: readonly unknown[], name = 'rows'): this {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      this.add(query, { [name]: chunk }, chunk.length);
    }
    return this;
  }

  async run(tx: ManagedTransaction): Promise<void> {
    const one = this.asOne();
    if (one) await tx.run(one.query, one.params);
    else for (const s of this.list) await tx.run(s.query, s.params);
  }

  /** All of them as one statement, or null when they must go one by one (imports past CHUNK rows). */
  asOne(): { query: string; params: Record<string, unknown> } | null {
    if (this.list.length === 1) return this.list[0]!;
    const rows = this.list.reduce((sum, s) => sum + s.rows, 0);
    if (this.list.length === 0 || rows > CHUNK) return null;
    const params: Record<string, unknown> = {};
    const query = this.list
      .map((s, i) => {
        for (const [name, value] of Object.entries(s.params)) params[`s${i}_${name}`] = value;
        return `CALL () { ${s.query.replace(/\$(\w+)/g, (_all, name: string) => `$s${i}_${name}`)} }`;
      })
      .join('\n');
    return { query, params };
  }
}
