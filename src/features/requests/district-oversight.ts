import type { Viewer } from '../../services/access/domain/access.js';
import { NotAllowed } from '../../domain/errors.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { NetworkGraph } from '../../services/analysis/network-graph.js';
import type { HubRequest } from './domain/requests.js';

// The district coordination oversees its district: the Koordinationskraft (by role, in chat) or a
// district coordinator's token lists and opens every request of the district, not only those that
// passed through them. Read from the read model, which follows every process's requests.

const LISTED = 200;

export class DistrictOversight {
  constructor(
    private readonly store: NetworkStore,
    private readonly network: NetworkGraph,
  ) {}

  /** The districts whose requests the viewer oversees; 'all' for admins. */
  async districtsOf(viewer: Viewer): Promise<ReadonlySet<string> | 'all'> {
    if (viewer.access === 'ADMIN') return 'all';
    const districts = new Set<string>();
    if (viewer.access === 'DISTRICT_COORDINATOR' && viewer.districtAgs) districts.add(viewer.districtAgs);
    if (viewer.personId && viewer.access !== 'VOLUNTEER' && viewer.access !== 'ANALYST') {
      const [roles] = await this.store.rolesOfPersons([viewer.personId]);
      for (const role of roles ?? [])
        if (role.role === 'KOORDINATIONSKRAFT' && role.scopeId?.startsWith('district:'))
          districts.add(role.scopeId.slice('district:'.length));
    }
    return districts;
  }

  /** The requests of the viewer's districts (or one of them), newest first. */
  async requests(viewer: Viewer, districtAgs: string | null = null): Promise<HubRequest[]> {
    const mine = await this.districtsOf(viewer);
    if (mine !== 'all' && (mine.size === 0 || (districtAgs !== null && !mine.has(districtAgs))))
      throw new NotAllowed(
        'see the requests of a district you do not coordinate (its Koordinationskraft does)',
        'die Anfragen eines Kreises nur einsehen, wenn Sie ihn koordinieren (das tut seine Koordinationskraft)',
      );
    const wanted = (r: HubRequest) =>
      districtAgs ? r.districtAgs === districtAgs : mine === 'all' || mine.has(r.districtAgs);
    return (await this.network.snapshot()).requests
      .filter(wanted)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, LISTED);
  }

  /** Whether the viewer coordinates the request's district. */
  async mayOpen(viewer: Viewer, request: HubRequest): Promise<boolean> {
    const mine = await this.districtsOf(viewer);
    return mine === 'all' || mine.has(request.districtAgs);
  }
}
