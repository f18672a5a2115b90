import type { RoleAssignment } from '../../../domain/model.js';

// What a write's check must know about the people it touches beyond the current facts the store
// reads inside its transaction: the roles they ever held (ended ones too), the districts of the
// records they were ever linked to, and whether a token grants them admin or analyst access. Read
// before the transaction; the transaction's own facts add what holds now.

/** The roles whose holders only admins change, merge, end or delete. */
export const PRIVILEGED_ROLES: readonly RoleAssignment['role'][] = ['ADMIN', 'ANALYST'];

export interface PersonHistory {
  /** Districts of the roles the person held and no longer holds. */
  endedRoleDistricts: readonly string[];
  /** Districts of the records the person is or was linked to (alliances, towns, institutions). */
  linkedDistricts: readonly string[];
  /** Holds or held ADMIN or ANALYST, as a role or through a token. */
  privileged: boolean;
}

export interface TargetScopes {
  /** What is known of an existing person's past; undefined for people the write creates. */
  person(id: string): PersonHistory | undefined;
}

export const NO_TARGETS: TargetScopes = { person: () => undefined };

export class TargetScopeTable implements TargetScopes {
  constructor(private readonly people: ReadonlyMap<string, PersonHistory>) {}
  person(id: string): PersonHistory | undefined {
    return this.people.get(id);
  }
}
