import type { Viewer } from '../access/domain/access.js';
import { authorizeChanges } from '../access/domain/authorization.js';
import { readTargetScopes, type TargetScopeStore } from '../access/target-scopes.js';
import { bundleOf, entitiesOf, validateChanges, type LineOf } from '../../domain/changes.js';
import { entityId, newEntityId, newLinkId, newRoleId, slug } from '../../domain/ids.js';
import {
  emptyBundle,
  type Alliance,
  type Entity,
  type FundingProgram,
  type Institution,
  type Link,
  type Municipality,
  type NetworkBundle,
  type Person,
  type RoleAssignment,
  type Topic,
} from '../../domain/model.js';
import type { NetworkStore, NetworkWriteStore } from '../../domain/ports/graph-store.port.js';
import type { RuleSettings } from '../../domain/rules.js';
import { auditEntryFor } from './audit.js';
import { districtsOfPerson } from '../reads/districts-of.js';
import type { NetworkEvents } from '../reads/network-events.js';
import { touchedByBundle } from '../reads/touched.js';
import {
  parseInput,
  schemas,
  type AllianceInput,
  type FundingProgramInput,
  type InstitutionInput,
  type LinkInput,
  type MunicipalityInput,
  type PersonInput,
  type RoleInput,
  type TopicInput,
} from './inputs.js';
import { berlinDay } from '../../features/meetings/when.js';

// The one write path: every interface (GraphQL, chat, import, seed) writes through here, and
// every write is checked by the domain rules inside the store's transaction.

export interface WriteOptions {
  actor: Viewer;
  /** What the write is, for the audit log: "import", "addPerson", ... */
  action: string;
  /** Names the source line of a refused item, for imports. */
  lineOf?: LineOf;
  /**
   * Every record of the bundle is new (a random id) and has no roles or links yet, so the read
   * models take it as written instead of reading it back.
   */
  created?: boolean;
}

export class NetworkWriter {
  constructor(
    private readonly store: NetworkStore & { readonly writes: NetworkWriteStore } & TargetScopeStore,
    private readonly settings: RuleSettings,
    private readonly events?: NetworkEvents,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes the bundle all or nothing, if the actor may and the rules allow it, with its audit entry. */
  async apply(changes: NetworkBundle, options: WriteOptions): Promise<void> {
    const audit = auditEntryFor(changes, options.actor, options.action, this.now());
    const { actor } = options;
    const created = new Set(changes.persons.map((p) => p.id));
    const [actorDistricts, targets] = await Promise.all([
      actor.access === 'COORDINATOR' && actor.personId
        ? districtsOfPerson(this.store, actor.personId, actor.districtAgs)
        : new Set<string>(),
      readTargetScopes(
        this.store,
        actor,
        [...changes.roles.map((r) => r.personId), ...changes.links.flatMap((l) => [l.fromId, l.toId])].filter(
          (id) => !created.has(id),
        ),
      ),
    ]);
    await this.store.writes.commit(
      changes,
      (facts) => {
        authorizeChanges(actor, changes, facts, { actorDistricts, targets });
        validateChanges(changes, facts, this.settings, options.lineOf);
      },
      audit,
      options.created ? entitiesOf(changes).map((e) => e.id) : undefined,
    );
    this.events?.publish({
      action: options.action,
      subjectIds: audit.subjectIds,
      at: audit.at,
      touched: options.created
        ? { ...touchedByBundle(changes), created: entitiesOf(changes) }
        : touchedByBundle(changes),
    });
  }

  async addMunicipality(input: MunicipalityInput, actor: Viewer): Promise<Municipality> {
    const data = parseInput(schemas.municipality, input);
    const municipality: Municipality = {
      kind: 'Municipality',
      id: entityId('Municipality', data.ags ?? `${data.districtAgs}-${slug(data.name)}`),
      ags: data.ags ?? null,
      name: data.name,
      districtAgs: data.districtAgs,
    };
    return this.addOne(municipality, actor, 'addMunicipality');
  }

  async addPerson(input: PersonInput, actor: Viewer): Promise<Person> {
    const data = parseInput(schemas.person, input);
    return this.addNew({ kind: 'Person', id: newEntityId('Person'), demo: false, ...data }, actor, 'addPerson');
  }

  async addAlliance(input: AllianceInput, actor: Viewer): Promise<Alliance> {
    const data = parseInput(schemas.alliance, input);
    return this.addNew({ kind: 'Alliance', id: newEntityId('Alliance'), demo: false, ...data }, actor, 'addAlliance');
  }

  async addInstitution(input: InstitutionInput, actor: Viewer): Promise<Institution> {
    const data = parseInput(schemas.institution, input);
    return this.addNew(
      { kind: 'Institution', id: newEntityId('Institution'), demo: false, municipalityId: null, ...data },
      actor,
      'addInstitution',
    );
  }

  async addTopic(input: TopicInput, actor: Viewer): Promise<Topic> {
    const data = parseInput(schemas.topic, input);
    return this.addOne(
      { kind: 'Topic', id: entityId('Topic', data.key ?? slug(data.nameEn)), name: data.name, nameEn: data.nameEn },
      actor,
      'addTopic',
    );
  }

  async addFundingProgram(input: FundingProgramInput, actor: Viewer): Promise<FundingProgram> {
    const data = parseInput(schemas.fundingProgram, input);
    return this.addNew(
      { kind: 'FundingProgram', id: newEntityId('FundingProgram'), ...data },
      actor,
      'addFundingProgram',
    );
  }

  async assignRole(input: RoleInput, actor: Viewer): Promise<RoleAssignment> {
    const data = parseInput(schemas.role, input);
    const role: RoleAssignment = {
      id: newRoleId(),
      personId: data.personId,
      role: data.role,
      scopeId: data.scopeId ?? null,
      // The day it begins, so that nobody can later end it before it began.
      since: berlinDay(this.now()),
    };
    await this.apply({ ...emptyBundle(), roles: [role] }, { actor, action: 'assignRole' });
    return role;
  }

  async link(input: LinkInput, actor: Viewer): Promise<Link> {
    const data = parseInput(schemas.link, input);
    const link: Link = {
      id: newLinkId(),
      type: data.type,
      fromId: data.fromId,
      toId: data.toId,
      since: data.since ?? null,
      note: data.note ?? null,
    };
    await this.apply({ ...emptyBundle(), links: [link] }, { actor, action: 'addLink' });
    return link;
  }

  private async addOne<E extends Entity>(entity: E, actor: Viewer, action: string): Promise<E> {
    await this.apply(bundleOf([entity]), { actor, action });
    return entity;
  }

  /** A record with a fresh random id, which nothing refers to yet. */
  private async addNew<E extends Entity>(entity: E, actor: Viewer, action: string): Promise<E> {
    await this.apply(bundleOf([entity]), { actor, action, created: true });
    return entity;
  }
}
