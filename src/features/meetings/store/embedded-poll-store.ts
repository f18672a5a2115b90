import type Database from 'better-sqlite3';
import type { DatePoll, DecisionPoll } from '../domain/meetings.js';
import type { PollStore } from '../domain/poll-store.port.js';

// Polls in SQLite: decision_polls (with their answers and one row per vote) belong to a meeting by
// foreign key; date_polls keep their offered slots, the invite words, the invitees and one row
// per chosen slot and voter.

interface DecisionRow {
  id: string;
  meeting_id: string;
  question: string;
  opened_by: string;
  opened_at: string;
  closed_at: string | null;
  answers: string;
  votes: string;
}

const DECISION_SELECT = `SELECT p.*,
  (SELECT json_group_array(text) FROM (SELECT text FROM decision_poll_answers WHERE poll_id = p.id ORDER BY position)) AS answers,
  (SELECT json_group_object(voter_id, answer) FROM decision_votes WHERE poll_id = p.id) AS votes
  FROM decision_polls p`;

function toDecision(row: DecisionRow): DecisionPoll {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    question: row.question,
    answers: JSON.parse(row.answers) as string[],
    votes: JSON.parse(row.votes) as Record<string, number>,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
  };
}

interface DateRow {
  id: string;
  organiser_id: string;
  district_ags: string;
  title: string;
  include_alliances: number;
  state: DatePoll['state'];
  meeting_id: string | null;
  invite: string;
  invitees: string;
  slots: string;
  holidays: string;
  votes: string;
}

const DATE_SELECT = `SELECT p.*,
  (SELECT json_group_array(word) FROM (SELECT word FROM date_poll_invites WHERE poll_id = p.id ORDER BY position)) AS invite,
  (SELECT json_group_array(person_id) FROM (SELECT person_id FROM date_poll_invitees WHERE poll_id = p.id ORDER BY position)) AS invitees,
  (SELECT json_group_array(starts_at) FROM (SELECT starts_at FROM date_poll_slots WHERE poll_id = p.id ORDER BY position)) AS slots,
  (SELECT json_group_array(holiday) FROM (SELECT holiday FROM date_poll_slots WHERE poll_id = p.id ORDER BY position)) AS holidays,
  (SELECT json_group_object(voter_id, json(slots)) FROM (SELECT voter_id, json_group_array(slot) AS slots FROM
     (SELECT voter_id, slot FROM date_poll_votes WHERE poll_id = p.id ORDER BY voter_id, slot) GROUP BY voter_id)) AS votes
  FROM date_polls p`;

function toDatePoll(row: DateRow): DatePoll {
  return {
    id: row.id,
    organiserId: row.organiser_id,
    districtAgs: row.district_ags,
    title: row.title,
    invite: JSON.parse(row.invite) as string[],
    includeAlliances: row.include_alliances === 1,
    inviteeIds: JSON.parse(row.invitees) as string[],
    slots: JSON.parse(row.slots) as string[],
    holidays: JSON.parse(row.holidays) as (string | null)[],
    votes: JSON.parse(row.votes) as Record<string, number[]>,
    state: row.state,
    meetingId: row.meeting_id,
  };
}

function writeDecisionPolls(db: Database.Database, polls: readonly DecisionPoll[], withVotes: boolean): void {
  const save = db.prepare(
    `INSERT INTO decision_polls (id, meeting_id, question, opened_by, opened_at, closed_at)
     VALUES (@id, @meeting_id, @question, @opened_by, @opened_at, @closed_at)
     ON CONFLICT(id) DO UPDATE SET question = excluded.question, closed_at = excluded.closed_at`,
  );
  const clear = db.prepare('DELETE FROM decision_poll_answers WHERE poll_id = ?');
  const answer = db.prepare('INSERT INTO decision_poll_answers (poll_id, position, text) VALUES (?, ?, ?)');
  for (const p of polls) {
    save.run({
      id: p.id,
      meeting_id: p.meetingId,
      question: p.question,
      opened_by: p.openedBy,
      opened_at: p.openedAt,
      closed_at: p.closedAt,
    });
    clear.run(p.id);
    p.answers.forEach((text, i) => answer.run(p.id, i + 1, text));
    if (withVotes) for (const [voter, choice] of Object.entries(p.votes)) writeDecisionVote(db, p.id, voter, choice);
  }
}

function writeDecisionVote(db: Database.Database, pollId: string, voterId: string, answer: number): void {
  db.prepare(
    `INSERT INTO decision_votes (poll_id, voter_id, answer) VALUES (?, ?, ?)
     ON CONFLICT(poll_id, voter_id) DO UPDATE SET answer = excluded.answer`,
  ).run(pollId, voterId, answer);
}

function writeDatePolls(db: Database.Database, polls: readonly DatePoll[], withVotes: boolean): void {
  const save = db.prepare(
    `INSERT INTO date_polls (id, organiser_id, district_ags, title, include_alliances, state, meeting_id)
     VALUES (@id, @organiser_id, @district_ags, @title, @include_alliances, @state, @meeting_id)
     ON CONFLICT(id) DO UPDATE SET title = excluded.title, state = excluded.state, meeting_id = excluded.meeting_id`,
  );
  for (const p of polls) {
    save.run({
      id: p.id,
      organiser_id: p.organiserId,
      district_ags: p.districtAgs,
      title: p.title,
      include_alliances: p.includeAlliances ? 1 : 0,
      state: p.state,
      meeting_id: p.meetingId,
    });
    for (const table of ['date_poll_invites', 'date_poll_invitees', 'date_poll_slots'])
      db.prepare(`DELETE FROM ${table} WHERE poll_id = ?`).run(p.id);
    const word = db.prepare('INSERT INTO date_poll_invites (poll_id, position, word) VALUES (?, ?, ?)');
    p.invite.forEach((w, i) => word.run(p.id, i, w));
    const invitee = db.prepare('INSERT INTO date_poll_invitees (poll_id, position, person_id) VALUES (?, ?, ?)');
    [...new Set(p.inviteeIds)].forEach((id, i) => invitee.run(p.id, i, id));
    const slot = db.prepare('INSERT INTO date_poll_slots (poll_id, position, starts_at, holiday) VALUES (?, ?, ?, ?)');
    p.slots.forEach((s, i) => slot.run(p.id, i + 1, s, p.holidays[i] ?? null));
    if (withVotes) for (const [voter, slots] of Object.entries(p.votes)) writeDateVote(db, p.id, voter, slots);
  }
}

function writeDateVote(db: Database.Database, pollId: string, voterId: string, slots: readonly number[]): void {
  db.prepare('DELETE FROM date_poll_votes WHERE poll_id = ? AND voter_id = ?').run(pollId, voterId);
  const vote = db.prepare('INSERT INTO date_poll_votes (poll_id, voter_id, slot) VALUES (?, ?, ?)');
  for (const slot of new Set(slots)) vote.run(pollId, voterId, slot);
}

export class EmbeddedPollStore implements PollStore {
  constructor(private readonly db: Database.Database) {}

  async saveDecisionPoll(poll: DecisionPoll): Promise<void> {
    this.db.transaction(() => writeDecisionPolls(this.db, [poll], false))();
  }

  async voteInDecision(pollId: string, voterId: string, answer: number): Promise<void> {
    writeDecisionVote(this.db, pollId, voterId, answer);
  }

  async decisionPollById(id: string): Promise<DecisionPoll | null> {
    const row = this.db.prepare(`${DECISION_SELECT} WHERE p.id = ?`).get(id) as DecisionRow | undefined;
    return row ? toDecision(row) : null;
  }

  async decisionPollsOf(meetingId: string): Promise<DecisionPoll[]> {
    const rows = this.db
      .prepare(`${DECISION_SELECT} WHERE p.meeting_id = ? ORDER BY p.opened_at, p.id`)
      .all(meetingId) as DecisionRow[];
    return rows.map(toDecision);
  }

  async decisionPollsOfPerson(personId: string): Promise<DecisionPoll[]> {
    const rows = this.db
      .prepare(
        `${DECISION_SELECT} WHERE p.opened_by = @p OR p.id IN (SELECT poll_id FROM decision_votes WHERE voter_id = @p)
         ORDER BY p.opened_at, p.id`,
      )
      .all({ p: personId }) as DecisionRow[];
    return rows.map(toDecision);
  }

  async anonymiseVotes(personId: string, anonymousIdOf: () => string): Promise<void> {
    this.db.transaction(() => {
      const polls = this.db
        .prepare('SELECT poll_id FROM decision_votes WHERE voter_id = ?')
        .pluck()
        .all(personId) as string[];
      const rename = this.db.prepare('UPDATE decision_votes SET voter_id = ? WHERE poll_id = ? AND voter_id = ?');
      for (const pollId of polls) rename.run(anonymousIdOf(), pollId, personId);
    })();
  }

  async saveDatePoll(poll: DatePoll): Promise<void> {
    this.db.transaction(() => writeDatePolls(this.db, [poll], false))();
  }

  async voteInDatePoll(pollId: string, voterId: string, slots: readonly number[]): Promise<void> {
    this.db.transaction(() => writeDateVote(this.db, pollId, voterId, slots))();
  }

  async datePollById(id: string): Promise<DatePoll | null> {
    const row = this.db.prepare(`${DATE_SELECT} WHERE p.id = ?`).get(id) as DateRow | undefined;
    return row ? toDatePoll(row) : null;
  }
}
