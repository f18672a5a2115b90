// The vocabulary of the access policy's rows (who, scope), shared by the central table in
// policy.ts and the rows feature modules bring along (src/features/<feature>/domain/*.policy.ts).

const PRINCIPALS = [
  'anonymous',
  'member',
  'coordinator',
  'districtCoordinator',
  'analyst',
  'analystWithGrant',
  'admin',
] as const;
export type Principal = (typeof PRINCIPALS)[number];

export type Scope =
  /** Writes only what lies in the caller's district (district coordinators: their token's; coordinators: their roles'). */
  | 'ownDistrict'
  /** Only what the caller takes part in (their requests, meetings, polls). */
  | 'involved'
  /** Only the caller's own records. */
  | 'self'
  /** The caller holds a KIK or Koordinationskraft role in a district. */
  | 'organisingRole';

export interface PolicyRow {
  who: readonly Principal[];
  scope?: Scope;
  /** What the caller sees, where it depends on who asks. */
  sees?: string;
}

export const EVERYONE: readonly Principal[] = PRINCIPALS;
export const SIGNED_IN: readonly Principal[] = PRINCIPALS.filter((p) => p !== 'anonymous');
export const COORDINATING: readonly Principal[] = ['coordinator', 'districtCoordinator', 'admin'];
export const ANALYSING: readonly Principal[] = [
  'coordinator',
  'districtCoordinator',
  'analyst',
  'analystWithGrant',
  'admin',
];
export const WRITING: readonly Principal[] = ['coordinator', 'districtCoordinator', 'admin'];
export const STRUCTURE: readonly Principal[] = ['districtCoordinator', 'admin'];
export const ADMIN_ONLY: readonly Principal[] = ['admin'];
export const ORGANISERS: readonly Principal[] = ['coordinator', 'districtCoordinator', 'admin'];
