import type { Directory } from './directory.js';
import type { NetworkEvents } from './network-events.js';

// The experts of a topic by the districts they work in. A topic has experts all over Germany
// (781 for one topic at Germany scale); finding the few of one district by reading every
// expert's roles and their places on each request made `contacts` allocate so much that its
// p99 was 18× its median under load. Kept per topic until a change touches the topic, one of
// its experts or a place they work at.

export interface DistrictExpert {
  personId: string;
  /** Whether they are also a contact of an institution in that district. */
  atInstitution: boolean;
}

interface ExpertsOfTopic {
  byDistrict: Map<string, DistrictExpert[]>;
  /** The topic, its experts and the places of their roles: a change to any of them drops the entry. */
  readFrom: Set<string>;
}

const TOPICS_KEPT = 500;

export class TopicExperts {
  private readonly topics = new Map<string, ExpertsOfTopic>();
  private generation = 0;

  constructor(events?: NetworkEvents) {
    events?.subscribe((change) => {
      this.generation++;
      if (!change.touched) return this.topics.clear();
      for (const [topicId, entry] of this.topics)
        if (change.touched.entityIds.some((id) => entry.readFrom.has(id))) this.topics.delete(topicId);
    });
  }

  /** The topic's experts with a role in the district (read as the directory sees the network). */
  async inDistrict(directory: Directory, topicId: string, districtAgs: string): Promise<DistrictExpert[]> {
    let entry = directory.day ? undefined : this.topics.get(topicId);
    if (!entry) {
      const started = this.generation;
      entry = await this.read(directory, topicId);
      if (!directory.day && started === this.generation) {
        if (this.topics.size >= TOPICS_KEPT) this.topics.clear();
        this.topics.set(topicId, entry);
      }
    }
    return entry.byDistrict.get(districtAgs) ?? [];
  }

  private async read(directory: Directory, topicId: string): Promise<ExpertsOfTopic> {
    const links = await directory.linksOf(topicId);
    const expertIds = [...new Set(links.filter((l) => l.type === 'EXPERT_IN').map((l) => l.fromId))];
    const roles = await Promise.all(expertIds.map((id) => directory.rolesOfPerson(id)));
    const scopeIds = [...new Set(roles.flat().flatMap((r) => (r.scopeId ? [r.scopeId] : [])))];
    const scopes = await Promise.all(scopeIds.map((id) => directory.entity(id)));
    const districtOfScope = new Map<string, string>();
    for (const scope of scopes) {
      if (scope?.kind === 'District') districtOfScope.set(scope.id, scope.ags);
      else if (scope && 'districtAgs' in scope && scope.districtAgs) districtOfScope.set(scope.id, scope.districtAgs);
    }
    const byDistrict = new Map<string, DistrictExpert[]>();
    expertIds.forEach((personId, i) => {
      const found = new Map<string, boolean>();
      for (const role of roles[i]!) {
        const ags = role.scopeId ? districtOfScope.get(role.scopeId) : undefined;
        if (ags) found.set(ags, found.get(ags) === true || role.role === 'INSTITUTION_CONTACT');
      }
      for (const [ags, atInstitution] of found) {
        let list = byDistrict.get(ags);
        if (!list) byDistrict.set(ags, (list = []));
        list.push({ personId, atInstitution });
      }
    });
    return { byDistrict, readFrom: new Set([topicId, ...expertIds, ...scopeIds]) };
  }
}
