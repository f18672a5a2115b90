import type { Language } from '../../domain/errors.js';
import { NotFound } from '../../domain/errors.js';
import { districtId } from '../../domain/ids.js';
import type { Alliance, District, Entity, Institution, Municipality, Person, Topic } from '../../domain/model.js';
import { matchName } from '../../domain/names.js';
import type { Directory } from './directory.js';
import type { NameIndex } from './name-index.js';
import type { TopicExperts } from './topic-experts.js';
import { cleanText, SEARCHED_NAME } from '../../domain/text.js';
import { matchTopic } from '../../domain/topic-match.js';

// "Whom do I ask?" for a municipality and, optionally, a topic: the KIK serving it, the district's
// Koordinationskraft, the Beauftragte, experts and institution contacts for the topic, and the
// alliances active there. Each answer says why, in the asker's language.

export type ContactRole = 'KIK' | 'KOORDINATIONSKRAFT' | 'BEAUFTRAGTE' | 'EXPERT' | 'INSTITUTION_CONTACT' | 'ALLIANCE';

export interface Contact {
  role: ContactRole;
  person: Person | null;
  alliance: Alliance | null;
  institution: Institution | null;
  reason: string;
}

export interface ContactAnswer {
  /** The town asked for; null for a kreisfreie Stadt, which is its own district. */
  municipality: Municipality | null;
  district: District;
  /** The town's or the city's name, as found. */
  place: string;
  topic: Topic | null;
  contacts: Contact[];
  /** Asked by the name of a town that has merged into this one since: its name and the day it merged. */
  formerly?: { name: string; since: string };
}

const REASONS: Record<ContactRole, Record<Language, (place: string, topic: string) => string>> = {
  KIK: {
    de: (p) => `Kommunale Integrationskoordination für ${p}`,
    en: (p) => `Municipal integration coordinator serving ${p}`,
  },
  KOORDINATIONSKRAFT: {
    de: (p) => `Koordinationskraft Integration des Kreises ${p}`,
    en: (p) => `Integration coordinator of the district ${p}`,
  },
  BEAUFTRAGTE: {
    de: (p) => `Ausländer- und Integrationsbeauftragte für ${p}`,
    en: (p) => `Commissioner for foreigners and integration for ${p}`,
  },
  EXPERT: { de: (_p, t) => `Fachkundig für ${t}`, en: (_p, t) => `Expert in ${t}` },
  INSTITUTION_CONTACT: {
    de: (_p, t) => `Ansprechperson einer Institution für ${t}`,
    en: (_p, t) => `Institution contact for ${t}`,
  },
  ALLIANCE: { de: (p) => `Bündnis, aktiv in ${p}`, en: (p) => `Alliance active in ${p}` },
};

export class ContactFinder {
  constructor(
    private readonly names: NameIndex,
    private readonly experts: TopicExperts,
  ) {}

  async find(
    directory: Directory,
    municipalityName: string,
    topicName: string | null,
    language: Language,
  ): Promise<ContactAnswer> {
    const { place, formerly } = await this.resolvePlace(
      directory,
      cleanText(municipalityName, SEARCHED_NAME('municipality', 'Gemeinde')),
    );
    const topic = topicName
      ? await this.resolveTopic(directory, cleanText(topicName, SEARCHED_NAME('topic', 'Thema')))
      : null;
    const topicLabel = topic ? (language === 'en' ? topic.nameEn : topic.name) : '';
    const reason = (role: ContactRole, where: string) => REASONS[role][language](where, topicLabel);
    if (place.kind === 'District') return this.cityContacts(directory, place, topic, reason, language);
    const municipality = place;
    const district = (await directory.district(municipality.districtAgs))!;

    const [townLinks, districtRoles, townRoles] = await Promise.all([
      directory.linksOf(municipality.id),
      directory.rolesIn(districtId(district.ags)),
      directory.rolesIn(municipality.id),
    ]);
    const contacts: Contact[] = [];
    const seen = new Set<string>();
    const add = (entity: Entity | null, role: ContactRole, why: string) => {
      if (!entity || seen.has(`${role}|${entity.id}`)) return;
      seen.add(`${role}|${entity.id}`);
      contacts.push({
        role,
        person: entity.kind === 'Person' ? entity : null,
        alliance: entity.kind === 'Alliance' ? entity : null,
        institution: entity.kind === 'Institution' ? entity : null,
        reason: why,
      });
    };

    const servingKik = townLinks.filter((l) => l.type === 'SERVES').map((l) => l.fromId);
    const beauftragte = [...townRoles, ...districtRoles].filter((r) => r.role === 'BEAUFTRAGTE').map((r) => r.personId);
    const koordination = districtRoles.filter((r) => r.role === 'KOORDINATIONSKRAFT').map((r) => r.personId);
    const alliances = townLinks.filter((l) => l.type === 'ACTIVE_IN').map((l) => l.fromId);
    const [kikPeople, kkPeople, beauftragtePeople, allianceList] = await Promise.all(
      [servingKik, koordination, beauftragte, alliances].map((ids) =>
        Promise.all(ids.map((id) => directory.entity(id))),
      ),
    );
    kikPeople!.forEach((p) => add(p, 'KIK', reason('KIK', municipality.name)));
    kkPeople!.forEach((p) => add(p, 'KOORDINATIONSKRAFT', reason('KOORDINATIONSKRAFT', district.name)));
    beauftragtePeople!.forEach((p) => add(p, 'BEAUFTRAGTE', reason('BEAUFTRAGTE', municipality.name)));
    if (topic) await this.addExperts(directory, topic, district, add, reason);
    allianceList!.forEach((a) => add(a, 'ALLIANCE', reason('ALLIANCE', municipality.name)));
    return { municipality, district, place: municipality.name, topic, contacts, ...(formerly ? { formerly } : {}) };
  }

  /**
   * A kreisfreie Stadt has no KIK and no towns: its Koordinationskraft, its Beauftragte, the
   * contacts of its institutions (for a topic: the experts first), and its alliances.
   */
  private async cityContacts(
    directory: Directory,
    city: District,
    topic: Topic | null,
    reason: (role: ContactRole, where: string) => string,
    language: Language,
  ): Promise<ContactAnswer> {
    const contacts: Contact[] = [];
    const seen = new Set<string>();
    const add = (entity: Entity | null, role: ContactRole, why: string, institution: Institution | null = null) => {
      if (!entity || seen.has(`${role}|${entity.id}`)) return;
      seen.add(`${role}|${entity.id}`);
      contacts.push({
        role,
        person: entity.kind === 'Person' ? entity : null,
        alliance: entity.kind === 'Alliance' ? entity : null,
        institution: entity.kind === 'Institution' ? entity : institution,
        reason: why,
      });
    };
    const [cityRoles, institutions, alliances] = await Promise.all([
      directory.rolesIn(city.id),
      directory.list({ kind: 'Institution', districtAgs: city.ags, limit: 50 }),
      directory.list({ kind: 'Alliance', districtAgs: city.ags, limit: 50 }),
    ]);
    const people = async (ids: string[]) => Promise.all(ids.map((id) => directory.entity(id)));
    (await people(cityRoles.filter((r) => r.role === 'KOORDINATIONSKRAFT').map((r) => r.personId))).forEach((p) =>
      add(p, 'KOORDINATIONSKRAFT', reason('KOORDINATIONSKRAFT', city.name)),
    );
    (await people(cityRoles.filter((r) => r.role === 'BEAUFTRAGTE').map((r) => r.personId))).forEach((p) =>
      add(p, 'BEAUFTRAGTE', reason('BEAUFTRAGTE', city.name)),
    );
    if (topic) await this.addExperts(directory, topic, city, add, reason);
    const institutionRoles = await Promise.all(institutions.map((i) => directory.rolesIn(i.id)));
    for (const [i, institution] of (institutions as Institution[]).entries()) {
      const contactsThere = await people(
        institutionRoles[i]!.filter((r) => r.role === 'INSTITUTION_CONTACT').map((r) => r.personId),
      );
      contactsThere.forEach((p) =>
        add(
          p,
          'INSTITUTION_CONTACT',
          language === 'de' ? `Ansprechperson bei ${institution.name}` : `Contact at ${institution.name}`,
          institution,
        ),
      );
    }
    alliances.forEach((a) => add(a, 'ALLIANCE', reason('ALLIANCE', city.name)));
    return { municipality: null, district: city, place: city.name, topic, contacts };
  }

  private async addExperts(
    directory: Directory,
    topic: Topic,
    district: District,
    add: (entity: Entity | null, role: ContactRole, why: string) => void,
    reason: (role: ContactRole, place: string) => string,
  ): Promise<void> {
    const experts = await this.experts.inDistrict(directory, topic.id, district.ags);
    const people = await Promise.all(experts.map((e) => directory.entity(e.personId)));
    people.forEach((person, i) => {
      if (person?.kind !== 'Person') return;
      const role = experts[i]!.atInstitution ? 'INSTITUTION_CONTACT' : 'EXPERT';
      add(person, role, reason(role, district.name));
    });
  }

  /** A town of a Landkreis, or a kreisfreie Stadt (its own district), forgiving the spelling. */
  private async resolvePlace(
    directory: Directory,
    name: string,
  ): Promise<{ place: Municipality | District; formerly: ContactAnswer['formerly'] | null }> {
    // Asked for a past day, towns that have merged since are found by their old names.
    const found = directory.day
      ? matchName(
          name,
          [
            ...(await directory.municipalityNamesOn()).map((t) => ({ id: t.id, name: t.name, city: null })),
            ...(await this.names.cities()).map((c) => ({ id: c.id, name: c.name, city: c })),
          ],
          (p) => p.name,
        )
      : (await this.names.places()).match(name);
    if (found.match)
      return {
        place: found.match.city ?? (await directory.entityOfKind(found.match.id, 'Municipality'))!,
        formerly: null,
      };
    const merged = directory.day ? null : await this.mergedTown(directory, name);
    if (merged) return merged;
    throw new NotFound(
      'Municipality',
      name,
      found.suggestions.map((p) => p.name),
    );
  }

  /** A town asked for by the name it had before it merged: the town it belongs to now. */
  private async mergedTown(
    directory: Directory,
    name: string,
  ): Promise<{ place: Municipality; formerly: NonNullable<ContactAnswer['formerly']> } | null> {
    const ended = (await directory.municipalityNamesEver()).filter((t) => t.until);
    const old = matchName(name, ended, (t) => t.name).match;
    if (!old) return null;
    let town = await directory.entity(old.id);
    for (let hops = 0; town?.kind === 'Municipality' && town.mergedInto && hops < 10; hops++)
      town = await directory.entity(town.mergedInto);
    if (town?.kind !== 'Municipality' || town.until) return null;
    return { place: town, formerly: { name: old.name, since: old.until! } };
  }

  private async resolveTopic(directory: Directory, name: string): Promise<Topic> {
    const found = matchTopic(name, await this.names.topics());
    const topic = found.match;
    if (!topic)
      throw new NotFound(
        'Topic',
        name,
        found.suggestions.map((t) => t.name),
      );
    directory.remember(topic);
    return topic;
  }
}
