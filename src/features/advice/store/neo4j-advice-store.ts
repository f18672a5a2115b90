import type { ManagedTransaction } from 'neo4j-driver';
import type { AdviceOffer } from '../domain/advice-offers.js';
import type { AdviceStore } from '../domain/advice-store.port.js';
import type { Neo4jSessions } from '../../../../graph/neo4j/sessions.js';

// Advice offers in Neo4j: (:AdviceOffer {title, description, institutionTypes, topicIds,
// districtAgs, …})-[:OFFERED_BY]->(:Person), -[:IN]->(:District), -[:ON_TOPIC]->(:Topic).

function toOffer(r: { get(key: string): unknown }): AdviceOffer {
  const p = (r.get('o') as { properties: Record<string, unknown> }).properties;
  return {
    id: p.id as string,
    title: p.title as string,
    description: p.description as string,
    providerId: p.providerId as string,
    institutionTypes: (p.institutionTypes as AdviceOffer['institutionTypes'] | undefined) ?? [],
    topicIds: (p.topicIds as string[] | undefined) ?? [],
    districtAgs: p.districtAgs as string,
    createdAt: p.createdAt as string,
    demo: p.demo === true,
  };
}

async function writeAdviceOffers(tx: ManagedTransaction, offers: readonly AdviceOffer[]): Promise<void> {
  if (!offers.length) return;
  await tx.run(
    `UNWIND $offers AS offer
     MERGE (o:AdviceOffer {id: offer.id})
     SET o = offer
     WITH o, offer
     OPTIONAL MATCH (o)-[old:OFFERED_BY|IN|ON_TOPIC]->()
     DELETE old
     WITH DISTINCT o, offer
     OPTIONAL MATCH (p:Entity {id: offer.providerId})
     FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (o)-[:OFFERED_BY]->(p))
     WITH o, offer
     OPTIONAL MATCH (d:District {ags: offer.districtAgs})
     FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | MERGE (o)-[:IN]->(d))
     WITH o, offer
     CALL (o, offer) {
       UNWIND offer.topicIds AS topicId
       MATCH (t:Entity {id: topicId})
       MERGE (o)-[:ON_TOPIC]->(t)
     }`,
    { offers },
  );
}

export class Neo4jAdviceStore implements AdviceStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async saveAdviceOffer(offer: AdviceOffer): Promise<void> {
    await this.sessions.write((tx) => writeAdviceOffers(tx, [offer]));
  }

  async adviceOfferById(id: string): Promise<AdviceOffer | null> {
    const result = await this.sessions.read((tx) => tx.run('MATCH (o:AdviceOffer {id: $id}) RETURN o', { id }));
    return result.records[0] ? toOffer(result.records[0]) : null;
  }

  async adviceOffers(districtAgs?: readonly string[]): Promise<AdviceOffer[]> {
    const result = await this.sessions.read((tx) =>
      tx.run(
        `MATCH (o:AdviceOffer) WHERE $districts IS NULL OR o.districtAgs IN $districts
         RETURN o ORDER BY o.title, o.id`,
        { districts: districtAgs ?? null },
      ),
    );
    return result.records.map(toOffer);
  }
}

/** Migration: offers kept as shared state (JSON) become records. */
export async function moveAdviceOutOfState(tx: ManagedTransaction): Promise<void> {
  const state = await tx.run("MATCH (s:SharedState) WHERE s.key STARTS WITH 'advice-offer:' RETURN s.value AS value");
  await writeAdviceOffers(
    tx,
    state.records.map((r) => JSON.parse(r.get('value') as string) as AdviceOffer),
  );
  await tx.run("MATCH (s:SharedState) WHERE s.key STARTS WITH 'advice-offer:' DELETE s");
}
