import type { AdviceOffer } from './advice-offers.js';

/**
 * Advice offers as records: a row with its topics in a linked table on the embedded store;
 * (:AdviceOffer)-[:OFFERED_BY]->(:Person), -[:IN]->(:District) and -[:ON_TOPIC]->(:Topic) in Neo4j,
 * the institution types it is for as a list property.
 */
export interface AdviceStore {
  saveAdviceOffer(offer: AdviceOffer): Promise<void>;
  adviceOfferById(id: string): Promise<AdviceOffer | null>;
  /** Offers of these districts, or all of them (a few per district). */
  adviceOffers(districtAgs?: readonly string[]): Promise<AdviceOffer[]>;
}
