import { validateChanges, type LineOf } from '../domain/changes.js';
import { entityId, newEntityId, newLinkId, newRoleId, slug } from '../domain/ids.js';
import { emptyBundle, type Alliance, type Entity, type Institution, type Link, type Municipality, type NetworkBundle, type Person, type RoleAssignment, type Topic } from '../domain/model.js';
import type { GraphStore } from '../domain/ports/graph-store.port.js';
import type { RuleSettings } from '../domain/rules.js';
import { parseInput, schemas, type AllianceInput, type InstitutionInput, type LinkInput, type MunicipalityInput, type PersonInput, type RoleInput, type TopicInput } from './inputs.js';

// The one write path: every interface (GraphQL, chat, import, seed) writes through here, and
// every write is checked by the domain rules inside the store's transaction.

export class NetworkWriter {
  constructor(
    private readonly store: GraphStore,
    private readonly settings: RuleSettings,
  ) {}

  /** Writes the bundle all or nothing; lineOf names the source line of a refused item. */
  async apply(changes: NetworkBundle, lineOf?: LineOf): Promise<void> {
    await this.store.commit(changes, (facts) => validateChanges(changes, facts, this.settings, lineOf));
  }

  async addMunicipality(input: MunicipalityInput): Promise<Municipality> {
    const data = parseInput(schemas.municipality, input);
    const municipality: Municipality = {
      kind: 'Municipality',
      id: entityId('Municipality', data.ags ?? `${data.districtAgs}-${slug(data.name)}`),
      ags: data.ags ?? null,
      name: data.name,
      districtAgs: data.districtAgs,
    };
    return this.addOne(municipality);
  }

  async addPerson(input: PersonInput): Promise<Person> {
    const data = parseInput(schemas.person, input);
    return this.addOne({ kind: 'Person', id: newEntityId('Person'), demo: false, ...data });
  }

  async addAlliance(input: AllianceInput): Promise<Alliance> {
    const data = parseInput(schemas.alliance, input);
    return this.addOne({ kind: 'Alliance', id: newEntityId('Alliance'), demo: false, ...data });
  }

  async addInstitution(input: InstitutionInput): Promise<Institution> {
    const data = parseInput(schemas.institution, input);
    return this.addOne({ kind: 'Institution', id: newEntityId('Institution'), demo: false, municipalityId: null, ...data });
  }

  async addTopic(input: TopicInput): Promise<Topic> {
    const data = parseInput(schemas.topic, input);
    return this.addOne({ kind: 'Topic', id: entityId('Topic', data.key ?? slug(data.nameEn)), name: data.name, nameEn: data.nameEn });
  }

  async assignRole(input: RoleInput): Promise<RoleAssignment> {
    const data = parseInput(schemas.role, input);
    const role: RoleAssignment = { id: newRoleId(), personId: data.personId, role: data.role, scopeId: data.scopeId ?? null };
    await this.apply({ ...emptyBundle(), roles: [role] });
    return role;
  }

  async link(input: LinkInput): Promise<Link> {
    const data = parseInput(schemas.link, input);
    const link: Link = { id: newLinkId(), type: data.type, fromId: data.fromId, toId: data.toId, since: data.since ?? null, note: data.note ?? null };
    await this.apply({ ...emptyBundle(), links: [link] });
    return link;
  }

  private async addOne<E extends Entity>(entity: E): Promise<E> {
    const bundle = emptyBundle();
    const key = COLLECTION[entity.kind];
    (bundle[key] as Entity[]).push(entity);
    await this.apply(bundle);
    return entity;
  }
}

const COLLECTION = {
  District: 'districts',
  Municipality: 'municipalities',
  Person: 'persons',
  Alliance: 'alliances',
  Institution: 'institutions',
  Topic: 'topics',
  FundingProgram: 'fundingPrograms',
} as const satisfies Record<Entity['kind'], keyof NetworkBundle>;
