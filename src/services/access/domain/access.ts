import type { Role } from '../../../domain/model.js';

// Who is asking: the access a bearer token grants. Network roles (KIK, ...) say what a person
// does; access roles say what the hub lets a token read and write.

export const ACCESS_ROLES = ['VOLUNTEER', 'COORDINATOR', 'DISTRICT_COORDINATOR', 'ANALYST', 'ADMIN'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export interface AccessToken {
  id: string;
  /** SHA-256 of the secret, hex; the secret itself is never stored. */
  hash: string;
  personId: string;
  access: AccessRole;
  /** For DISTRICT_COORDINATOR: the district they may write in. */
  districtAgs: string | null;
  /** For ANALYST: may see people's names and channels instead of pseudonyms. */
  personalData: boolean;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface Viewer {
  personId: string | null;
  access: AccessRole | null;
  districtAgs: string | null;
  personalData: boolean;
  /** Network roles the viewer's person holds. */
  roles: readonly Role[];
}

export const ANONYMOUS: Viewer = { personId: null, access: null, districtAgs: null, personalData: false, roles: [] };

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  /** Ids of what the write created or changed. */
  subjectIds: string[];
  /** What changed, as JSON-serialisable data. */
  details: Record<string, unknown>;
}

/** The name an erased person keeps as an anonymous placeholder. */
export const ERASED_NAME = 'Gelöschte Person';
