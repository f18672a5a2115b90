import { ANALYSING, EVERYONE, WRITING, type PolicyRow } from '../../../services/access/domain/policy-rows.js';

// The projects' rows of the access policy (merged into ACCESS_POLICY).

const PEOPLE = 'people per PERSON_VISIBILITY';

export const PROJECTS_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Query.projects': { who: EVERYONE, sees: `${PEOPLE} among partners and contacts` },
  'Query.municipalitiesWithoutProject': { who: ANALYSING },
  'Mutation.createProject': { who: WRITING, scope: 'ownDistrict' },
  'Mutation.updateProject': { who: WRITING, scope: 'ownDistrict' },
  'Chat.projects': { who: EVERYONE, sees: `${PEOPLE}: names of partners and contacts, no contact details` },
};
