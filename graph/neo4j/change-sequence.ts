import type { ManagedTransaction } from 'neo4j-driver';

// The network's change counter: one (:HubChangeSequence) node whose value every transaction that
// writes the network moves by one, in that transaction. After editing the network by hand in
// Cypher, run BUMP_STATEMENT (or `npm run refresh`) so running hubs reload.

const BUMP_STATEMENT = "MERGE (s:HubChangeSequence {id: 'network'}) SET s.value = coalesce(s.value, 0) + 1";

export async function bumpChangeSequence(tx: ManagedTransaction): Promise<void> {
  await tx.run(BUMP_STATEMENT);
}

export const READ_STATEMENT =
  "OPTIONAL MATCH (s:HubChangeSequence {id: 'network'}) RETURN coalesce(s.value, 0) AS value";
