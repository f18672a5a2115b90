import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { DatePoll, DecisionPoll } from '../domain/meetings.js';
import type { PollStore } from '../domain/poll-store.port.js';
import type { Neo4jSessions } from '../../../../graph/neo4j/sessions.js';

// Polls in Neo4j: (:DecisionPoll {question, answers, openedAt, closedAt})-[:TAKEN_IN]->(:Meeting)
// and (:DatePoll {title, slots, holidays, invite, inviteeIds, state})-[:ORGANISED_BY]->(:Person),
// -[:FIXED_AS]->(:Meeting) once fixed. Each vote is a node, (:DecisionVote {answer}) or
// (:DatePollVote {slots}), -[:FOR]->(its poll), CAST by its (:Person) while the voter exists.
// Lists cannot hold null in Neo4j: a slot without a holiday is ''.

type Props = Record<string, unknown>;
const propsOf = (r: { get(key: string): unknown }, key: string) => (r.get(key) as { properties: Props }).properties;
const int = (value: unknown) => (neo4j.isInt(value) ? (value as neo4j.Integer).toNumber() : Number(value));

function toDecision(r: { get(key: string): unknown }): DecisionPoll {
  const p = propsOf(r, 'p');
  const votes = r.get('votes') as { voterId: string; answer: unknown }[];
  return {
    id: p.id as string,
    meetingId: p.meetingId as string,
    question: p.question as string,
    answers: p.answers as string[],
    votes: Object.fromEntries(votes.map((v) => [v.voterId, int(v.answer)])),
    openedBy: p.openedBy as string,
    openedAt: p.openedAt as string,
    closedAt: (p.closedAt as string | undefined) ?? null,
  };
}

function toDatePoll(r: { get(key: string): unknown }): DatePoll {
  const p = propsOf(r, 'p');
  const votes = r.get('votes') as { voterId: string; slots: unknown[] }[];
  return {
    id: p.id as string,
    organiserId: p.organiserId as string,
    districtAgs: p.districtAgs as string,
    title: p.title as string,
    invite: (p.invite as string[] | undefined) ?? [],
    includeAlliances: p.includeAlliances === true,
    inviteeIds: (p.inviteeIds as string[] | undefined) ?? [],
    slots: (p.slots as string[] | undefined) ?? [],
    holidays: ((p.holidays as string[] | undefined) ?? []).map((h) => h || null),
    votes: Object.fromEntries(votes.map((v) => [v.voterId, v.slots.map(int).sort((a, b) => a - b)])),
    state: p.state as DatePoll['state'],
    meetingId: (p.meetingId as string | undefined) ?? null,
  };
}

const DECISION_RETURN = `OPTIONAL MATCH (v:DecisionVote)-[:FOR]->(p)
  WITH p, collect(CASE WHEN v IS NULL THEN NULL ELSE {voterId: v.voterId, answer: v.answer} END) AS votes
  RETURN p, votes`;

async function writeDecisionPolls(tx: ManagedTransaction, polls: readonly DecisionPoll[]): Promise<void> {
  if (!polls.length) return;
  await tx.run(
    `UNWIND $polls AS poll
     MERGE (p:DecisionPoll {id: poll.id})
     SET p.meetingId = poll.meetingId, p.question = poll.question, p.answers = poll.answers,
         p.openedBy = poll.openedBy, p.openedAt = poll.openedAt, p.closedAt = poll.closedAt
     WITH p, poll
     MATCH (m:Meeting {id: poll.meetingId})
     MERGE (p)-[:TAKEN_IN]->(m)`,
    {
      polls: polls.map(({ votes: _votes, ...fields }) => fields),
    },
  );
}

async function writeDecisionVotes(
  tx: ManagedTransaction,
  votes: readonly { pollId: string; voterId: string; answer: number }[],
): Promise<void> {
  if (!votes.length) return;
  await tx.run(
    `UNWIND $votes AS vote
     MATCH (p:DecisionPoll {id: vote.pollId})
     MERGE (v:DecisionVote {pollId: vote.pollId, voterId: vote.voterId})
     SET v.answer = vote.answer
     MERGE (v)-[:FOR]->(p)
     WITH v, vote
     OPTIONAL MATCH (person:Entity {id: vote.voterId})
     FOREACH (_ IN CASE WHEN person IS NULL THEN [] ELSE [1] END | MERGE (person)-[:CAST]->(v))`,
    { votes: votes.map((v) => ({ ...v, answer: neo4j.int(v.answer) })) },
  );
}

async function writeDatePolls(tx: ManagedTransaction, polls: readonly DatePoll[]): Promise<void> {
  if (!polls.length) return;
  await tx.run(
    `UNWIND $polls AS poll
     MERGE (p:DatePoll {id: poll.id})
     SET p += poll
     WITH p, poll
     OPTIONAL MATCH (p)-[old:ORGANISED_BY|FIXED_AS]->()
     DELETE old
     WITH DISTINCT p, poll
     OPTIONAL MATCH (organiser:Entity {id: poll.organiserId})
     FOREACH (_ IN CASE WHEN organiser IS NULL THEN [] ELSE [1] END | MERGE (p)-[:ORGANISED_BY]->(organiser))
     WITH p, poll
     OPTIONAL MATCH (m:Meeting {id: poll.meetingId})
     FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | MERGE (p)-[:FIXED_AS]->(m))`,
    {
      polls: polls.map(({ votes: _votes, holidays, ...fields }) => ({
        ...fields,
        holidays: holidays.map((h) => h ?? ''),
      })),
    },
  );
}

async function writeDateVotes(
  tx: ManagedTransaction,
  votes: readonly { pollId: string; voterId: string; slots: readonly number[] }[],
): Promise<void> {
  if (!votes.length) return;
  await tx.run(
    `UNWIND $votes AS vote
     MATCH (p:DatePoll {id: vote.pollId})
     MERGE (v:DatePollVote {pollId: vote.pollId, voterId: vote.voterId})
     SET v.slots = vote.slots
     MERGE (v)-[:FOR]->(p)
     WITH v, vote
     OPTIONAL MATCH (person:Entity {id: vote.voterId})
     FOREACH (_ IN CASE WHEN person IS NULL THEN [] ELSE [1] END | MERGE (person)-[:CAST]->(v))`,
    { votes: votes.map((v) => ({ ...v, slots: [...new Set(v.slots)].map((s) => neo4j.int(s)) })) },
  );
}

export class Neo4jPollStore implements PollStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async saveDecisionPoll(poll: DecisionPoll): Promise<void> {
    await this.sessions.write((tx) => writeDecisionPolls(tx, [poll]));
  }

  async voteInDecision(pollId: string, voterId: string, answer: number): Promise<void> {
    await this.sessions.write((tx) => writeDecisionVotes(tx, [{ pollId, voterId, answer }]));
  }

  async decisionPollById(id: string): Promise<DecisionPoll | null> {
    return (await this.decisions(`MATCH (p:DecisionPoll {id: $id}) ${DECISION_RETURN}`, { id }))[0] ?? null;
  }

  async decisionPollsOf(meetingId: string): Promise<DecisionPoll[]> {
    return this.decisions(
      `MATCH (p:DecisionPoll)-[:TAKEN_IN]->(:Meeting {id: $meetingId}) ${DECISION_RETURN} ORDER BY p.openedAt, p.id`,
      { meetingId },
    );
  }

  async decisionPollsOfPerson(personId: string): Promise<DecisionPoll[]> {
    return this.decisions(
      `CALL () {
         MATCH (p:DecisionPoll {openedBy: $personId}) RETURN p
         UNION
         MATCH (:DecisionVote {voterId: $personId})-[:FOR]->(p:DecisionPoll) RETURN p
       }
       ${DECISION_RETURN} ORDER BY p.openedAt, p.id`,
      { personId },
    );
  }

  async anonymiseVotes(personId: string, anonymousIdOf: () => string): Promise<void> {
    await this.sessions.write(async (tx) => {
      const votes = await tx.run('MATCH (v:DecisionVote {voterId: $personId}) RETURN elementId(v) AS id', { personId });
      for (const r of votes.records)
        await tx.run(
          'MATCH (v:DecisionVote) WHERE elementId(v) = $id SET v.voterId = $anonymous WITH v MATCH ()-[c:CAST]->(v) DELETE c',
          { id: r.get('id') as string, anonymous: anonymousIdOf() },
        );
    });
  }

  async saveDatePoll(poll: DatePoll): Promise<void> {
    await this.sessions.write((tx) => writeDatePolls(tx, [poll]));
  }

  async voteInDatePoll(pollId: string, voterId: string, slots: readonly number[]): Promise<void> {
    await this.sessions.write((tx) => writeDateVotes(tx, [{ pollId, voterId, slots }]));
  }

  async datePollById(id: string): Promise<DatePoll | null> {
    const result = await this.sessions.read((tx) =>
      tx.run(
        `MATCH (p:DatePoll {id: $id})
         OPTIONAL MATCH (v:DatePollVote)-[:FOR]->(p)
         WITH p, collect(CASE WHEN v IS NULL THEN NULL ELSE {voterId: v.voterId, slots: v.slots} END) AS votes
         RETURN p, votes`,
        { id },
      ),
    );
    return result.records[0] ? toDatePoll(result.records[0]) : null;
  }

  private async decisions(query: string, params: Record<string, unknown>): Promise<DecisionPoll[]> {
    const result = await this.sessions.read((tx) => tx.run(query, params));
    return result.records.map(toDecision);
  }
}

/** Migration: polls kept as shared state (JSON, votes inside) become records with a node per vote. */
export async function movePollsOutOfState(tx: ManagedTransaction): Promise<void> {
  const state = await tx.run(
    `MATCH (s:SharedState) WHERE s.key STARTS WITH 'decision:' OR s.key STARTS WITH 'date-poll:'
     RETURN s.key AS key, s.value AS value`,
  );
  const decisions: DecisionPoll[] = [];
  const datePolls: DatePoll[] = [];
  for (const r of state.records) {
    const value = JSON.parse(r.get('value') as string) as DecisionPoll & DatePoll;
    if ((r.get('key') as string).startsWith('decision:')) decisions.push(value);
    else datePolls.push(value);
  }
  await writeDecisionPolls(tx, decisions);
  await writeDecisionVotes(
    tx,
    decisions.flatMap((p) => Object.entries(p.votes).map(([voterId, answer]) => ({ pollId: p.id, voterId, answer }))),
  );
  await writeDatePolls(tx, datePolls);
  await writeDateVotes(
    tx,
    datePolls.flatMap((p) => Object.entries(p.votes).map(([voterId, slots]) => ({ pollId: p.id, voterId, slots }))),
  );
  await tx.run(
    `MATCH (s:SharedState)
     WHERE s.key STARTS WITH 'decision:' OR s.key STARTS WITH 'decision-of:' OR s.key STARTS WITH 'date-poll:'
     DELETE s`,
  );
}
