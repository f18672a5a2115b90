import type { LinkType } from '../../../domain/model.js';

// Members keep their own records current: they propose a change to their record, roles,
// memberships or links; the coordination of their district confirms or rejects it. A confirmed
// proposal is applied through the one write path with the reviewer's rights.

export type ProposedChange =
  /** Fields of the proposer's own record. */
  | { kind: 'updateSelf'; fields: { name?: string; languages?: string[] } }
  /** One of the proposer's roles ends (they left an alliance, an institution, a post). */
  | { kind: 'endRole'; roleId: string }
  /** The proposer volunteers in an alliance. */
  | { kind: 'joinAlliance'; allianceId: string }
  /** A collaboration or expertise of the proposer. */
  | { kind: 'addLink'; type: Extract<LinkType, 'COOPERATES_WITH' | 'EXPERT_IN'>; toId: string; note: string | null };

export const PROPOSAL_STATES = ['PENDING', 'CONFIRMED', 'REJECTED'] as const;
type ProposalState = (typeof PROPOSAL_STATES)[number];

export interface ChangeProposal {
  id: string;
  proposerId: string;
  /** The districts whose coordination reviews it: those of the proposer's roles (or of the alliance joined). */
  districtAgs: string[];
  change: ProposedChange;
  /** What the proposer wrote about it, if anything. */
  comment: string | null;
  state: ProposalState;
  createdAt: string;
  decidedAt: string | null;
  deciderId: string | null;
  /** Why it was rejected. */
  reason: string | null;
}

/** A proposed change as flat fields, the shape both stores keep it in (no JSON). */
export interface ProposedChangeFields {
  kind: ProposedChange['kind'];
  roleId: string | null;
  allianceId: string | null;
  linkType: 'COOPERATES_WITH' | 'EXPERT_IN' | null;
  targetId: string | null;
  note: string | null;
  newName: string | null;
  /** Absent (null) when the languages are not part of the change; [] when they are cleared. */
  newLanguages: string[] | null;
}

export function changeFields(change: ProposedChange): ProposedChangeFields {
  const none: ProposedChangeFields = {
    kind: change.kind,
    roleId: null,
    allianceId: null,
    linkType: null,
    targetId: null,
    note: null,
    newName: null,
    newLanguages: null,
  };
  switch (change.kind) {
    case 'updateSelf':
      return { ...none, newName: change.fields.name ?? null, newLanguages: change.fields.languages ?? null };
    case 'endRole':
      return { ...none, roleId: change.roleId };
    case 'joinAlliance':
      return { ...none, allianceId: change.allianceId };
    case 'addLink':
      return { ...none, linkType: change.type, targetId: change.toId, note: change.note };
  }
}

export function changeOf(fields: ProposedChangeFields): ProposedChange {
  switch (fields.kind) {
    case 'updateSelf':
      return {
        kind: 'updateSelf',
        fields: {
          ...(fields.newName !== null ? { name: fields.newName } : {}),
          ...(fields.newLanguages !== null ? { languages: fields.newLanguages } : {}),
        },
      };
    case 'endRole':
      return { kind: 'endRole', roleId: fields.roleId! };
    case 'joinAlliance':
      return { kind: 'joinAlliance', allianceId: fields.allianceId! };
    case 'addLink':
      return { kind: 'addLink', type: fields.linkType!, toId: fields.targetId!, note: fields.note };
  }
}
