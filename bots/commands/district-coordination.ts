import type { Viewer } from '../../src/services/access/domain/access.js';
import type { Directory } from '../../src/services/reads/directory.js';

// In chat there is no token: a person's roles give their level. The Koordinationskraft of a
// district is its district coordination, so for writes and reviews they act as a district
// coordinator token of that district would; the services check the district on the data.

export async function asDistrictCoordination(viewer: Viewer, directory: Directory): Promise<Viewer> {
  if (viewer.access !== 'COORDINATOR' || !viewer.personId) return viewer;
  const kk = (await directory.rolesOfPerson(viewer.personId)).find(
    (r) => r.role === 'KOORDINATIONSKRAFT' && r.scopeId?.startsWith('district:'),
  );
  return kk
    ? { ...viewer, access: 'DISTRICT_COORDINATOR', districtAgs: kk.scopeId!.slice('district:'.length) }
    : viewer;
}
