import type { AccessRole, Viewer } from './access.js';
import type { Role, Visibility } from '../../../domain/model.js';
import { ADVICE_POLICY } from '../../../features/advice/domain/advice.policy.js';
import { FUNDING_POLICY } from '../../../features/funding/domain/funding.policy.js';
import { KNOWLEDGE_POLICY } from '../../../features/knowledge/domain/knowledge.policy.js';
import { PROJECTS_POLICY } from '../../../features/projects/domain/projects.policy.js';
import { PROPOSALS_POLICY } from '../../../features/proposals/domain/proposals.policy.js';
import { NOTIFICATIONS_POLICY } from '../../../features/notifications/domain/notifications.policy.js';
import { UNDO_POLICY } from '../../../features/undo/domain/undo.policy.js';
import { REQUESTS_POLICY } from '../../../features/requests/domain/requests.policy.js';
import { MEETINGS_POLICY } from '../../../features/meetings/domain/meetings.policy.js';
import { MINUTES_POLICY } from '../../../features/minutes/domain/minutes.policy.js';
import { SUGGESTIONS_POLICY } from '../../../features/suggestions/domain/suggestions.policy.js';
import { SCHEDULED_CHANGES_POLICY } from '../../../features/scheduled-changes/domain/scheduled-changes.policy.js';
import {
  ADMIN_ONLY,
  ANALYSING,
  COORDINATING,
  EVERYONE,
  SIGNED_IN,
  STRUCTURE,
  WRITING,
  type PolicyRow,
  type Principal,
} from './policy-rows.js';

// The access policy, written as data: who (by access level) may call each operation of every
// interface, and what of a person each level sees. GraphQL root fields are gated by it in one
// Pothos plugin (schema/policy-plugin.ts), chat commands by the dispatcher; a schema field or
// command without a row refuses to start. Conditions that depend on data (own district, people
// involved, organising role) are named in `scope` and checked by the service that holds the data.
// test/integration/access-matrix.test.ts walks every cell on both stores.
//
// One rule throughout: a token never grants more than its access level. A person's network
// roles (KIK, ...) only count up to that level; in chat, where there is no token, the roles
// give the level (see levelOfRoles).

export type { PolicyRow, Principal, Scope } from './policy-rows.js';

const PEOPLE = 'people per PERSON_VISIBILITY';

export const ACCESS_POLICY: Readonly<Record<string, PolicyRow>> = {
  // The rows feature modules bring along.
  ...ADVICE_POLICY,
  ...FUNDING_POLICY,
  ...KNOWLEDGE_POLICY,
  ...PROJECTS_POLICY,
  ...PROPOSALS_POLICY,
  ...NOTIFICATIONS_POLICY,
  ...UNDO_POLICY,
  ...REQUESTS_POLICY,
  ...MEETINGS_POLICY,
  ...MINUTES_POLICY,
  ...SCHEDULED_CHANGES_POLICY,
  ...SUGGESTIONS_POLICY,
  // GraphQL queries
  'Query.districts': { who: EVERYONE },
  'Query.district': { who: EVERYONE, sees: PEOPLE },
  'Query.municipality': { who: EVERYONE, sees: PEOPLE },
  'Query.municipalities': { who: EVERYONE },
  'Query.alliances': { who: EVERYONE },
  'Query.institutions': { who: EVERYONE },
  'Query.topics': { who: EVERYONE },
  'Query.fundingPrograms': { who: EVERYONE },
  'Query.node': { who: EVERYONE, sees: `${PEOPLE}; a person the caller may not list is null` },
  'Query.nodes': { who: EVERYONE, sees: `${PEOPLE}; a person the caller may not list is null` },
  'Query.search': {
    who: EVERYONE,
    sees: 'people: signed-in callers with names; pseudonymised analysts find no people by name',
  },
  'Query.contacts': { who: EVERYONE, sees: PEOPLE },
  'Query.network': { who: EVERYONE, sees: `${PEOPLE}; people the caller may not list are left out` },
  'Query.path': { who: EVERYONE, sees: 'refused when the chain runs through people the caller may not list' },
  'Query.people': { who: SIGNED_IN, sees: 'pseudonymised analysts: no text filter, opaque ids and cursors' },
  'Query.analytics': { who: ANALYSING, sees: 'ids only; names through node(id)' },
  'Query.statistics': { who: ANALYSING, sees: 'counts only, the same for pseudonymised callers' },
  'Query.accessTokens': { who: ADMIN_ONLY },
  'Query.history': {
    who: COORDINATING,
    sees: 'who changed what (field names; people by PERSON_VISIBILITY), roles over time',
  },
  'Query.myData': { who: SIGNED_IN, scope: 'self' },
  // GraphQL mutations
  'Mutation.addMunicipality': { who: STRUCTURE, scope: 'ownDistrict' },
  'Mutation.addTopic': { who: ADMIN_ONLY },
  'Mutation.addFundingProgram': { who: ADMIN_ONLY },
  'Mutation.addPerson': { who: WRITING },
  'Mutation.addAlliance': { who: WRITING, scope: 'ownDistrict' },
  'Mutation.addInstitution': { who: WRITING, scope: 'ownDistrict' },
  'Mutation.addLink': { who: WRITING, scope: 'ownDistrict' },
  'Mutation.assignRole': {
    who: STRUCTURE,
    scope: 'ownDistrict',
    sees: 'ADMIN and ANALYST roles are granted by admins only',
  },
  'Mutation.updatePerson': { who: WRITING, scope: 'ownDistrict', sees: 'people in the districts of their roles' },
  'Mutation.updateMunicipality': { who: STRUCTURE, scope: 'ownDistrict' },
  'Mutation.updateAlliance': { who: WRITING, scope: 'ownDistrict' },
  'Mutation.updateInstitution': { who: WRITING, scope: 'ownDistrict' },
  'Mutation.updateTopic': { who: ADMIN_ONLY },
  'Mutation.updateFundingProgram': { who: ADMIN_ONLY },
  'Mutation.endRole': {
    who: STRUCTURE,
    scope: 'ownDistrict',
    sees: 'ADMIN and ANALYST roles are ended by admins only',
  },
  'Mutation.endLink': { who: WRITING, scope: 'ownDistrict' },
  'Mutation.endRecord': {
    who: STRUCTURE,
    scope: 'ownDistrict',
    sees: "memberships end with the record, so it is the district coordination's",
  },
  'Mutation.mergeRecords': { who: STRUCTURE, scope: 'ownDistrict' },
  'Mutation.mergeMunicipalities': { who: STRUCTURE, scope: 'ownDistrict' },
  'Mutation.deleteRecord': {
    who: WRITING,
    scope: 'ownDistrict',
    sees: 'municipalities: district coordinators; topics and programmes: admins',
  },
  'Mutation.createAccessToken': { who: ADMIN_ONLY },
  'Mutation.revokeAccessToken': { who: ADMIN_ONLY },
  'Mutation.confirmChatLink': { who: ADMIN_ONLY, sees: "never the admin's own person" },
  'Query.waitingChatLinks': { who: COORDINATING, sees: 'claims the caller may confirm' },
  'Mutation.erasePerson': { who: ADMIN_ONLY },
  'Mutation.updateMyContactChannels': { who: SIGNED_IN, scope: 'self', sees: 'admins may pass another personId' },
  // GraphQL subscriptions (Server-Sent Events)
  'Subscription.networkChanged': { who: SIGNED_IN, sees: 'ids only; ends when the token is revoked' },
  // Chat commands, by English name
  'Chat.help': { who: EVERYONE, sees: 'only the commands the caller may use' },
  'Chat.language': { who: EVERYONE },
  'Chat.contact': { who: EVERYONE, sees: PEOPLE },
  'Chat.who': { who: EVERYONE, sees: `${PEOPLE}; pseudonymised analysts cannot search names` },
  'Chat.network': { who: EVERYONE, sees: PEOPLE },
  'Chat.statistics': { who: ANALYSING, scope: 'ownDistrict', sees: 'counts of the asker’s districts only' },
  'Chat.map': { who: EVERYONE },
  'Chat.me': { who: EVERYONE, scope: 'self' },
  'Chat.confirm': {
    who: COORDINATING,
    scope: 'ownDistrict',
    sees: "never one's own accounts, never a person above one's own level",
  },
  'Chat.status': { who: COORDINATING },
  'Chat.edit': {
    who: COORDINATING,
    scope: 'ownDistrict',
    sees: 'a Koordinationskraft edits as the district coordination; a KIK people, alliances and institutions',
  },
  'Chat.end-role': {
    who: COORDINATING,
    scope: 'ownDistrict',
    sees: "roles are ended by the district's Koordinationskraft (or admins)",
  },
  'Chat.handover': { who: COORDINATING, scope: 'ownDistrict', sees: 'as Chat.end-role, with a successor' },
  'Chat.yes': { who: EVERYONE, sees: 'runs the command whose preview the asker saw last, within ten minutes' },
  'Chat.no': { who: EVERYONE, sees: "drops the asker's waiting command" },
  'Chat.history': { who: COORDINATING, sees: 'who held which role when (people by PERSON_VISIBILITY)' },
  'Chat.merge': {
    who: COORDINATING,
    scope: 'ownDistrict',
    sees: "merges are the district coordination's (a Koordinationskraft, or admins)",
  },
  'Chat.mydata': { who: SIGNED_IN, scope: 'self' },
  // HTTP endpoints beside GraphQL
  'GET /mail/act': {
    who: EVERYONE,
    sees: 'whoever holds the signed link from a mail: what it would do for the person it was sent to; changes nothing',
  },
  'POST /mail/act': {
    who: EVERYONE,
    sees: 'whoever holds the signed link: its one action as the person it was sent to, once, until it expires',
  },
  'POST /auth/matrix': {
    who: EVERYONE,
    sees: 'a session of the linked, confirmed person, ending with the link or the person',
  },
  'GET /metrics': {
    who: ['admin'],
    sees: 'with HUB_METRICS_TOKEN, or on HUB_METRICS_PORT only; labels are operation names, never URLs',
  },
  'GET /healthz': { who: EVERYONE, sees: 'status and instance role only' },
};

/** What of a person each level sees (beyond what a person always sees of themselves). */
export const PERSON_VISIBILITY: Readonly<
  Record<Principal, { names: 'all' | 'publicRoles' | 'pseudonyms'; channels: readonly Visibility[] }>
> = {
  anonymous: { names: 'publicRoles', channels: ['PUBLIC'] },
  member: { names: 'all', channels: ['PUBLIC', 'NETWORK'] },
  coordinator: { names: 'all', channels: ['PUBLIC', 'NETWORK', 'COORDINATORS'] },
  districtCoordinator: { names: 'all', channels: ['PUBLIC', 'NETWORK', 'COORDINATORS'] },
  analyst: { names: 'pseudonyms', channels: [] },
  analystWithGrant: { names: 'all', channels: ['PUBLIC', 'NETWORK'] },
  admin: { names: 'all', channels: ['PUBLIC', 'NETWORK', 'COORDINATORS'] },
};

/** Roles whose holders anonymous callers may see by name (they are the network's public face). */
export const PUBLIC_ROLES: readonly Role[] = ['KIK', 'KOORDINATIONSKRAFT', 'BEAUFTRAGTE', 'INSTITUTION_CONTACT'];

export function principalOf(viewer: Viewer): Principal {
  switch (viewer.access) {
    case null:
      return 'anonymous';
    case 'VOLUNTEER':
      return 'member';
    case 'COORDINATOR':
      return 'coordinator';
    case 'DISTRICT_COORDINATOR':
      return 'districtCoordinator';
    case 'ANALYST':
      return viewer.personalData ? 'analystWithGrant' : 'analyst';
    case 'ADMIN':
      return 'admin';
  }
}

class MissingPolicyRow extends Error {
  constructor(operation: string) {
    super(
      `The access policy (src/services/access/domain/policy.ts) has no row for ${operation}: add one before exposing it.`,
    );
  }
}

/** The policy row of a chat command, by its English name: "Chat.end-role". */
export const chatOperation = (englishName: string): string => `Chat.${englishName}`;

export function policyRow(operation: string): PolicyRow {
  const row = ACCESS_POLICY[operation];
  if (!row) throw new MissingPolicyRow(operation);
  return row;
}

export function mayCall(operation: string, viewer: Viewer): boolean {
  return policyRow(operation).who.includes(principalOf(viewer));
}

/** Levels in the order of what they may do; ANALYST reads, but writes nothing a volunteer could not. */
const LEVEL_RANK: Record<AccessRole, number> = {
  VOLUNTEER: 1,
  ANALYST: 1,
  COORDINATOR: 2,
  DISTRICT_COORDINATOR: 3,
  ADMIN: 4,
};

/** The level a network role stands for. */
export function levelOfRole(role: Role): AccessRole {
  switch (role) {
    case 'ADMIN':
      return 'ADMIN';
    case 'ANALYST':
      return 'ANALYST';
    case 'KIK':
    case 'KOORDINATIONSKRAFT':
    case 'BEAUFTRAGTE':
      return 'COORDINATOR';
    case 'VOLUNTEER':
    case 'INSTITUTION_CONTACT':
      return 'VOLUNTEER';
  }
}

/** In chat there is no token: the person's roles give the level. */
export function levelOfRoles(roles: readonly Role[]): AccessRole | null {
  if (roles.includes('ADMIN')) return 'ADMIN';
  if (roles.some((r) => levelOfRole(r) === 'COORDINATOR')) return 'COORDINATOR';
  if (roles.includes('ANALYST')) return 'ANALYST';
  return roles.length > 0 ? 'VOLUNTEER' : null;
}

/** The roles that count for a token of this level: none above it. */
export function rolesWithinLevel(level: AccessRole, roles: readonly Role[]): Role[] {
  return roles.filter((role) => {
    const needed = levelOfRole(role);
    if (needed === 'ANALYST') return level === 'ANALYST' || level === 'ADMIN';
    return LEVEL_RANK[needed] <= LEVEL_RANK[level] && !(level === 'ANALYST' && needed !== 'VOLUNTEER');
  });
}

/** Whether one viewer's level reaches another's: nobody vouches for someone above themselves. */
export function levelReaches(actor: AccessRole | null, other: AccessRole | null): boolean {
  if (other === null) return actor !== null;
  if (actor === null) return false;
  if (actor === 'ADMIN') return true;
  if (other === 'ANALYST' || other === 'ADMIN') return false;
  return LEVEL_RANK[actor] >= LEVEL_RANK[other];
}

/** Roles only admins grant: they carry no district, so no district coordinator can bound them. */
export const ADMIN_GRANTED_ROLES: readonly Role[] = ['ADMIN', 'ANALYST'];
