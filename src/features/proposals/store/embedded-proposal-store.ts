import type Database from 'better-sqlite3';
import { changeFields, changeOf, type ChangeProposal, type ProposedChangeFields } from '../domain/proposals.js';
import type { ProposalStore } from '../domain/proposal-store.port.js';

// Change proposals in SQLite: the proposal and its change as columns in change_proposals, the
// districts that review it in change_proposal_districts.

interface ProposalRow {
  id: string;
  proposer_id: string;
  kind: ProposedChangeFields['kind'];
  role_id: string | null;
  alliance_id: string | null;
  link_type: ProposedChangeFields['linkType'];
  target_id: string | null;
  note: string | null;
  new_name: string | null;
  new_languages: string | null;
  comment: string | null;
  state: ChangeProposal['state'];
  created_at: string;
  decided_at: string | null;
  decider_id: string | null;
  reason: string | null;
  districts: string;
}

const SELECT = `SELECT p.*, (SELECT json_group_array(district_ags) FROM
  (SELECT district_ags FROM change_proposal_districts WHERE proposal_id = p.id ORDER BY district_ags)) AS districts
  FROM change_proposals p`;

function toProposal(row: ProposalRow): ChangeProposal {
  return {
    id: row.id,
    proposerId: row.proposer_id,
    districtAgs: JSON.parse(row.districts) as string[],
    change: changeOf({
      kind: row.kind,
      roleId: row.role_id,
      allianceId: row.alliance_id,
      linkType: row.link_type,
      targetId: row.target_id,
      note: row.note,
      newName: row.new_name,
      newLanguages: row.new_languages === null ? null : (JSON.parse(row.new_languages) as string[]),
    }),
    comment: row.comment,
    state: row.state,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    deciderId: row.decider_id,
    reason: row.reason,
  };
}

function writeProposals(db: Database.Database, proposals: readonly ChangeProposal[]): void {
  const save = db.prepare(
    `INSERT INTO change_proposals (id, proposer_id, kind, role_id, alliance_id, link_type, target_id, note, new_name,
       new_languages, comment, state, created_at, decided_at, decider_id, reason)
     VALUES (@id, @proposer_id, @kind, @role_id, @alliance_id, @link_type, @target_id, @note, @new_name,
       @new_languages, @comment, @state, @created_at, @decided_at, @decider_id, @reason)
     ON CONFLICT(id) DO UPDATE SET state = excluded.state, decided_at = excluded.decided_at,
       decider_id = excluded.decider_id, reason = excluded.reason, comment = excluded.comment`,
  );
  const clear = db.prepare('DELETE FROM change_proposal_districts WHERE proposal_id = ?');
  const district = db.prepare('INSERT INTO change_proposal_districts (proposal_id, district_ags) VALUES (?, ?)');
  for (const p of proposals) {
    const f = changeFields(p.change);
    save.run({
      id: p.id,
      proposer_id: p.proposerId,
      kind: f.kind,
      role_id: f.roleId,
      alliance_id: f.allianceId,
      link_type: f.linkType,
      target_id: f.targetId,
      note: f.note,
      new_name: f.newName,
      new_languages: f.newLanguages === null ? null : JSON.stringify(f.newLanguages),
      comment: p.comment,
      state: p.state,
      created_at: p.createdAt,
      decided_at: p.decidedAt,
      decider_id: p.deciderId,
      reason: p.reason,
    });
    clear.run(p.id);
    for (const ags of new Set(p.districtAgs)) district.run(p.id, ags);
  }
}

export class EmbeddedProposalStore implements ProposalStore {
  constructor(private readonly db: Database.Database) {}

  async saveProposal(proposal: ChangeProposal): Promise<void> {
    this.db.transaction(() => writeProposals(this.db, [proposal]))();
  }

  async proposalById(id: string): Promise<ChangeProposal | null> {
    const row = this.db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as ProposalRow | undefined;
    return row ? toProposal(row) : null;
  }

  async pendingProposals(districtAgs?: readonly string[]): Promise<ChangeProposal[]> {
    const rows = districtAgs
      ? this.db
          .prepare(
            `${SELECT} WHERE p.state = 'PENDING' AND p.id IN (SELECT proposal_id FROM change_proposal_districts
               WHERE district_ags IN (SELECT value FROM json_each(?))) ORDER BY p.created_at, p.id`,
          )
          .all(JSON.stringify(districtAgs))
      : this.db.prepare(`${SELECT} WHERE p.state = 'PENDING' ORDER BY p.created_at, p.id`).all();
    return (rows as ProposalRow[]).map(toProposal);
  }

  async proposalsOf(proposerId: string): Promise<ChangeProposal[]> {
    const rows = this.db
      .prepare(`${SELECT} WHERE p.proposer_id = ? ORDER BY p.created_at DESC, p.id`)
      .all(proposerId) as ProposalRow[];
    return rows.map(toProposal);
  }
}
