import type { ManagedTransaction } from 'neo4j-driver';
import { replaceIdInText } from '../../src/domain/ids.js';

// A person's new id, written wherever the old one stands: every string (or list of strings)
// property of every node and relationship (ids, JSON documents, keys of shared state and claims),
// so a label added later is covered too. Runs inside the caller's transaction.

type Properties = Record<string, unknown>;

function replaced(properties: Properties, oldId: string, newId: string): Properties | null {
  const changed: Properties = {};
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value === 'string') {
      const next = replaceIdInText(value, oldId, newId);
      if (next !== value) changed[key] = next;
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      const next = (value as string[]).map((v) => replaceIdInText(v, oldId, newId));
      if (next.some((v, i) => v !== value[i])) changed[key] = next;
    }
  }
  return Object.keys(changed).length ? changed : null;
}

const MENTIONS = `any(k IN keys(x) WHERE (x[k] IS :: STRING AND x[k] CONTAINS $old)
  OR (x[k] IS :: LIST<STRING NOT NULL> AND any(v IN x[k] WHERE v CONTAINS $old)))`;

export async function renamePersonEverywhere(tx: ManagedTransaction, oldId: string, newId: string): Promise<void> {
  for (const [match, set] of [
    [
      `MATCH (x) WHERE ${MENTIONS} RETURN elementId(x) AS id, properties(x) AS p`,
      'MATCH (x) WHERE elementId(x) = row.id',
    ],
    [
      `MATCH ()-[x]->() WHERE ${MENTIONS} RETURN elementId(x) AS id, properties(x) AS p`,
      'MATCH ()-[x]->() WHERE elementId(x) = row.id',
    ],
  ] as const) {
    const rows = (await tx.run(match, { old: oldId })).records
      .map((r) => ({ id: r.get('id') as string, props: replaced(r.get('p') as Properties, oldId, newId) }))
      .filter((row) => row.props !== null);
    if (rows.length) await tx.run(`UNWIND $rows AS row ${set} SET x += row.props`, { rows });
  }
}
