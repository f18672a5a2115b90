import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../services/access/domain/access.js';
import { NotAllowed, NotFound } from '../../domain/errors.js';
import type { InstitutionType } from '../../domain/model.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import { cleanText } from '../../domain/text.js';
import { topicNamed } from '../../domain/topic-match.js';
import type { NameIndex } from '../../services/reads/name-index.js';
import { districtsOfPerson } from '../../services/reads/districts-of.js';
import type { RequestRouter } from '../requests/request-router.js';
import type { HubRequest } from '../requests/domain/requests.js';
import { ADVICE_DESCRIPTION, ADVICE_TITLE, institutionTypeOf, type AdviceOffer } from './domain/advice-offers.js';
import type { AdviceStore } from './domain/advice-store.port.js';

// The catalogue of advice offers for institutions: coordinators add what they offer, anybody
// finds offers of their districts by institution type or topic, and a signed-in member asks for
// one (a request of kind ADVICE to the one offering it).

export interface AdviceOfferInput {
  title: string;
  description: string;
  institutionTypes: readonly InstitutionType[];
  /** Topic names or ids. */
  topics?: readonly string[];
  demo?: boolean;
}

const COORDINATING = new Set(['COORDINATOR', 'DISTRICT_COORDINATOR', 'ADMIN']);

export class AdviceOffers {
  constructor(
    private readonly store: NetworkStore & { readonly advice: AdviceStore },
    private readonly names: NameIndex,
    private readonly requests: RequestRouter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A coordinator offers advice in their district. */
  async create(input: AdviceOfferInput, viewer: Viewer): Promise<AdviceOffer> {
    if (!viewer.personId || !viewer.access || !COORDINATING.has(viewer.access))
      throw new NotAllowed('offer advice (coordinators do)', 'keine Beratung anbieten (das tun Koordinator:innen)');
    const districts = [...(await districtsOfPerson(this.store, viewer.personId, viewer.districtAgs))].sort();
    const districtAgs = viewer.districtAgs ?? districts[0];
    if (!districtAgs) throw new NotFound('District', viewer.personId);
    const topics = await this.names.topics();
    const offer: AdviceOffer = {
      id: `advice:${randomUUID().slice(0, 8)}`,
      title: cleanText(input.title, ADVICE_TITLE),
      description: cleanText(input.description, ADVICE_DESCRIPTION),
      providerId: viewer.personId,
      institutionTypes: [...new Set(input.institutionTypes)],
      topicIds: (input.topics ?? []).map((name) => topicNamed(name, topics).id),
      districtAgs,
      createdAt: this.now().toISOString(),
      demo: input.demo ?? false,
    };
    await this.store.advice.saveAdviceOffer(offer);
    return offer;
  }

  /**
   * Offers in the viewer's districts (everywhere for a viewer without one) for an institution
   * type ("Jobcenter", "Krankenhaus") or about a topic; all of them without a query.
   */
  async find(query: string | null, viewer: Viewer): Promise<AdviceOffer[]> {
    const districts = viewer.personId
      ? await districtsOfPerson(this.store, viewer.personId, viewer.districtAgs)
      : new Set(viewer.districtAgs ? [viewer.districtAgs] : []);
    const nearby = await this.store.advice.adviceOffers(districts.size ? [...districts] : undefined);
    if (!query?.trim()) return nearby.sort((a, b) => a.title.localeCompare(b.title));
    const type = institutionTypeOf(query);
    const topicId = type ? null : topicNamed(query, await this.names.topics()).id;
    const matching = nearby.filter((o) => (type ? o.institutionTypes.includes(type) : o.topicIds.includes(topicId!)));
    return matching.sort((a, b) => a.title.localeCompare(b.title));
  }

  async byId(id: string): Promise<AdviceOffer> {
    const offer = await this.store.advice.adviceOfferById(id);
    if (!offer) throw new NotFound('AdviceOffer', id);
    return offer;
  }

  /** Asks for an offer: a request of kind ADVICE to whoever offers it. */
  async ask(offerId: string, text: string, viewer: Viewer): Promise<HubRequest> {
    const offer = await this.byId(offerId);
    return this.requests.fileAdvice(offer, text, viewer);
  }
}
