import type { Viewer } from '../../services/access/domain/access.js';
import { InvalidInput, NotFound } from '../../domain/errors.js';
import { newEntityId, newLinkId } from '../../domain/ids.js';
import { emptyBundle, type Link, type Municipality, type Project } from '../../domain/model.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { FundingCalls } from '../funding/funding-calls.js';
import { openTo, type FundingCall } from '../funding/domain/funding-calls.js';
import type { NetworkReviser } from '../../services/lifecycle/network-reviser.js';
import { parseInput, schemas, type ProjectInput } from '../../services/writes/inputs.js';
import type { NetworkWriter } from '../../services/writes/network-writer.js';
import { districtsOfPerson } from '../../services/reads/districts-of.js';
import type { NameIndex } from '../../services/reads/name-index.js';

// Projects of intercultural opening: a record in the network (a node on the map, in search and
// analytics) with its partners as PARTNER_IN links, written through the one write path so the
// domain rules and the write rights of the district hold for them as for every record.

/** A project listing is for one district: all of them fit on a page of this size. */
const PROJECTS_PER_DISTRICT = 1000;

export class ProjectRegistry {
  constructor(
    private readonly store: NetworkStore,
    private readonly writer: NetworkWriter,
    private readonly reviser: NetworkReviser,
    private readonly funding: FundingCalls,
    private readonly names: NameIndex,
  ) {}

  /** Records a project with its partners, in one write: all of it or nothing. */
  async create(input: ProjectInput, actor: Viewer): Promise<Project> {
    const { partnerIds, ...data } = parseInput(schemas.project, input);
    if (data.fundingCallId) await this.funding.byId(data.fundingCallId, actor);
    const project: Project = { kind: 'Project', id: newEntityId('Project'), demo: false, ...data };
    const links: Link[] = [...new Set(partnerIds)].map((partnerId) => ({
      id: newLinkId(),
      type: 'PARTNER_IN',
      fromId: partnerId,
      toId: project.id,
      since: project.startsOn,
      note: null,
    }));
    await this.writer.apply({ ...emptyBundle(), projects: [project], links }, { actor, action: 'createProject' });
    return project;
  }

  /** Changes the given fields; the funding call named must exist and be visible to the editor. */
  async update(id: string, patch: Record<string, unknown>, expectedVersion: number | null, actor: Viewer) {
    if (typeof patch.fundingCallId === 'string') await this.funding.byId(patch.fundingCallId, actor);
    return (await this.reviser.update('Project', id, patch, expectedVersion, actor)) as Project;
  }

  /** The projects of a district (active records), by title. */
  async ofDistrict(districtAgs: string): Promise<Project[]> {
    const found = await this.store.listEntities({ kind: 'Project', districtAgs, limit: PROJECTS_PER_DISTRICT });
    return found.filter((e): e is Project => e.kind === 'Project');
  }

  /**
   * The projects of a town or kreisfreie Stadt named as people write it (the closest names
   * offered when none fits), or without a name those of the districts the viewer works in.
   */
  async inPlace(name: string | null, viewer: Viewer): Promise<{ place: string; projects: Project[] }> {
    if (name) {
      const found = (await this.names.places()).match(name);
      if (!found.match)
        throw new NotFound(
          'Municipality',
          name,
          found.suggestions.map((p) => p.name),
        );
      const place = found.match;
      const projects = place.city
        ? await this.ofDistrict(place.city.ags)
        : (
            await this.store.listEntities({ kind: 'Project', municipalityId: place.id, limit: PROJECTS_PER_DISTRICT })
          ).filter((e): e is Project => e.kind === 'Project' && e.municipalityId === place.id);
      return { place: place.name, projects };
    }
    const districts = viewer.personId
      ? await districtsOfPerson(this.store, viewer.personId, viewer.districtAgs)
      : new Set(viewer.districtAgs ? [viewer.districtAgs] : []);
    if (!districts.size)
      throw new InvalidInput('place', 'name a municipality or a kreisfreie Stadt', {
        field: 'Ort',
        problem: 'bitte eine Gemeinde oder eine kreisfreie Stadt nennen',
      });
    const [found, named] = await Promise.all([
      Promise.all([...districts].sort().map((ags) => this.ofDistrict(ags))),
      this.store.listDistricts(),
    ]);
    const place = named
      .filter((d) => districts.has(d.ags))
      .map((d) => d.name)
      .join(', ');
    return { place, projects: found.flat() };
  }

  /** Municipalities of a district in which no project was recorded, of any status. */
  async municipalitiesWithoutProject(districtAgs: string): Promise<Municipality[]> {
    const [[municipalities], projects] = await Promise.all([
      this.store.municipalitiesOfDistricts([districtAgs]),
      this.ofDistrict(districtAgs),
    ]);
    const withProject = new Set(projects.map((p) => p.municipalityId));
    return (municipalities ?? []).filter((m) => !withProject.has(m.id));
  }

  /**
   * Calls people of the district could have applied for (opened by today, open to the district,
   * visible to the viewer) that no project of the district used: missed or still open chances.
   */
  async unusedCalls(districtAgs: string, viewer: Viewer): Promise<FundingCall[]> {
    const today = this.funding.today();
    const [calls, projects] = await Promise.all([this.funding.visibleTo(viewer), this.ofDistrict(districtAgs)]);
    const used = new Set(projects.map((p) => p.fundingCallId));
    const district = new Set([districtAgs]);
    return calls
      .filter((c) => c.opensOn <= today && openTo(c, district) && !used.has(c.id))
      .sort((a, b) => b.closesOn.localeCompare(a.closesOn) || a.title.localeCompare(b.title));
  }
}
