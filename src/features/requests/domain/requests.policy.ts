import { SIGNED_IN, STRUCTURE, type PolicyRow } from '../../../services/access/domain/policy-rows.js';

// The requests' rows of the access policy (merged into ACCESS_POLICY): who files, sees and acts on
// requests, in GraphQL and chat. "Involved": the requester, the one it lies with, those it passed.

const PEOPLE = 'people per PERSON_VISIBILITY';

export const REQUESTS_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Query.myRequests': { who: SIGNED_IN, scope: 'involved', sees: PEOPLE },
  'Query.request': { who: SIGNED_IN, scope: 'involved', sees: PEOPLE },
  'Query.districtRequests': { who: STRUCTURE, scope: 'ownDistrict', sees: PEOPLE },
  'Mutation.fileRequest': { who: SIGNED_IN },
  'Mutation.acceptRequest': { who: SIGNED_IN, scope: 'involved' },
  'Mutation.forwardRequest': { who: SIGNED_IN, scope: 'involved' },
  'Mutation.resolveRequest': { who: SIGNED_IN, scope: 'involved' },
  'Mutation.declineRequest': { who: SIGNED_IN, scope: 'involved' },
  'Chat.request': { who: SIGNED_IN },
  'Chat.requests': { who: SIGNED_IN, scope: 'involved' },
  'Chat.accept': { who: SIGNED_IN, scope: 'involved' },
  'Chat.forward': { who: SIGNED_IN, scope: 'involved' },
  'Chat.done': { who: SIGNED_IN, scope: 'involved' },
  'Chat.decline': { who: SIGNED_IN, scope: 'involved' },
};
