import { ERASED_NAME, type Viewer } from './domain/access.js';
import { randomUUID } from 'node:crypto';
import { NotAllowed, NotFound } from '../../domain/errors.js';
import type { Person } from '../../domain/model.js';
import { mayCarryName, newEntityId, newAuditId } from '../../domain/ids.js';
import { parseInput, schemas } from '../writes/inputs.js';
import type { NetworkEvents } from '../reads/network-events.js';
import type { GraphStore } from '../../domain/ports/graph-store.port.js';
import { STATE } from '../../domain/ports/state-slots.js';

// Everything the hub stores about a person (GDPR Art. 15): their record, roles, links,
// meetings, requests, chat account links, access tokens (without secrets) and audit entries.

const EVER = { from: '0000-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' };

export class PersonalData {
  constructor(
    private readonly store: GraphStore,
    private readonly events?: NetworkEvents,
    private readonly now: () => Date = () => new Date(),
  ) {}

  export(viewer: Viewer): Promise<Record<string, unknown>> {
    return personalDataOf(this.store, viewer);
  }

  /** People choose their contact channels and who sees each; admins may help. */
  async updateChannels(personId: string, channels: unknown, actor: Viewer): Promise<Person> {
    if (actor.personId !== personId && actor.access !== 'ADMIN')
      throw new NotAllowed("change someone else's contact details", 'keine Kontaktdaten anderer Personen ändern');
    const { channels: checked } = parseInput(schemas.person.pick({ channels: true }), { channels });
    const [person] = await this.store.entitiesByIds([personId]);
    if (person?.kind !== 'Person') throw new NotFound('Person', personId);
    const updated: Person = { ...person, channels: checked };
    const at = this.now().toISOString();
    await this.store.writes.replacePerson(updated, {
      id: newAuditId(),
      at,
      actorId: actor.personId,
      action: 'updateChannels',
      subjectIds: [personId],
      details: { channels: checked.map((c) => ({ channel: c.channel, visibility: c.visibility })) },
    });
    this.events?.publish({ action: 'updateChannels', subjectIds: [personId], at, touched: { entityIds: [personId] } });
    return updated;
  }

  /**
   * Erasure (GDPR Art. 17), carried out by an admin on the person's request: name, channels and
   * languages go, chat accounts are unlinked, tokens revoked, and the texts of their requests
   * removed. The person stays as an anonymous placeholder, so links, meetings and statistics
   * remain consistent; the audit log records that an erasure happened, not what was erased.
   */
  async erase(personId: string, actor: Viewer): Promise<void> {
    if (actor.access !== 'ADMIN')
      throw new NotAllowed(
        "erase personal data (admins do, on the person's request)",
        'keine personenbezogenen Daten löschen (das tun Admins auf Wunsch der Person)',
      );
    const [person] = await this.store.entitiesByIds([personId]);
    if (person?.kind !== 'Person') throw new NotFound('Person', personId);
    const at = this.now().toISOString();
    const audit = (action: string, subjectIds: string[]) => ({
      id: newAuditId(),
      at,
      actorId: actor.personId,
      action,
      subjectIds,
      details: {},
    });
    await this.store.writes.replacePerson(
      { kind: 'Person', id: personId, name: ERASED_NAME, languages: [], channels: [], demo: person.demo },
      audit('erasePerson', [personId]),
    );
    await this.store.chatAccounts.forgetChatAccountsOf(personId);
    for (const token of (await this.store.tokens.listTokens()).filter(
      (t) => t.personId === personId && t.revokedAt === null,
    )) {
      await this.store.tokens.revokeToken(token.id, at, audit('revokeToken', [token.id]));
    }
    for (const request of (await this.store.requests.requestsOf(personId, 10_000)).filter(
      (r) => r.requesterId === personId && r.text !== null,
    )) {
      await this.store.requests.saveRequest({ ...request, text: null, version: request.version + 1 });
    }
    // What they wrote into minutes goes like their requests' texts; where they were present is forgotten.
    await this.store.minutes.forgetInMinutes(personId, ERASED_TEXT);
    // A vote keeps counting, but no longer says whose it was.
    await this.store.polls.anonymiseVotes(personId, () => `erased:${randomUUID()}`);
    // Mails still waiting for them, and their mail preference.
    for (const slot of [STATE.mail, STATE.mailFailed]) {
      for (const mail of await this.store.coordination.listState<{ personId: string }>(slot.within()))
        if (mail.value.personId === personId) await this.store.coordination.deleteState(mail.key);
    }
    await this.store.notificationSettings.forgetNotificationSettings(personId);
    await this.store.funding.setFollowedTopics(personId, []);
    // The articles they wrote stay the network's; they no longer stand as author or editor.
    await this.store.knowledge.forgetArticleAuthor(personId);
    for (const digest of await this.store.coordination.listState(STATE.mailDigest.within(personId)))
      await this.store.coordination.deleteState(digest.key);
    // An id made from the name (as imports bring them) would keep the name: the person gets a new one everywhere.
    if (mayCarryName(personId)) {
      const newId = newEntityId('Person');
      await this.store.writes.renamePerson(personId, newId, audit('renamePerson', [newId]));
      this.events?.publish({ action: 'erasePerson', subjectIds: [newId], at });
      return;
    }
    this.events?.publish({ action: 'erasePerson', subjectIds: [personId], at, touched: { entityIds: [personId] } });
  }
}

/** Stands for a text in the minutes whose author was erased. */
const ERASED_TEXT = '–';

async function personalDataOf(store: GraphStore, viewer: Viewer): Promise<Record<string, unknown>> {
  const personId = viewer.personId;
  if (!personId)
    throw new NotAllowed(
      'export personal data without a linked account',
      'personenbezogene Daten nur mit verknüpftem Konto abrufen',
    );
  const [
    [[person], [roles], [links], meetings, requests, chatLinks, tokens, audit, minutes, attendance],
    [polls, mails, failedMails, notificationSettings, fundingSubscription, articles],
  ] = await Promise.all([
    Promise.all([
      store.entitiesByIds([personId]),
      store.rolesOfPersons([personId]),
      store.linksOf([personId]),
      store.meetings.meetingsOf([personId], EVER.from, EVER.to),
      store.requests.requestsOf(personId, 10_000),
      store.chatAccounts.chatLinks({ personIds: [personId] }),
      store.tokens.listTokens(),
      store.writes.auditOf(personId, 10_000),
      store.minutes.minutesItemsOfPerson(personId),
      store.minutes.attendanceOfPerson(personId),
    ]),
    Promise.all([
      store.polls.decisionPollsOfPerson(personId),
      store.coordination.listState<{ personId: string }>(STATE.mail.within()),
      store.coordination.listState<{ personId: string }>(STATE.mailFailed.within()),
      store.notificationSettings.notificationSettings(personId),
      store.funding.followedTopics(personId),
      store.knowledge.listArticles({ limit: 100_000 }),
    ]),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    person,
    roles,
    links,
    meetings,
    requests,
    chatAccounts: chatLinks.map((c) => ({ account: `${c.user.transport}:${c.user.userId}`, ...c.link })),
    accessTokens: tokens.filter((t) => t.personId === personId).map(({ hash: _hash, ...rest }) => rest),
    // What they noted in meetings or were given to do, and the meetings they were marked present at.
    minutes,
    attendance,
    votes: polls
      .filter((p) => p.votes[personId] !== undefined || p.openedBy === personId)
      .map((p) => ({
        poll: p.id,
        meetingId: p.meetingId,
        question: p.question,
        openedByYou: p.openedBy === personId,
        yourAnswer: p.votes[personId] ? p.answers[p.votes[personId] - 1] : null,
      })),
    mail: {
      notificationSettings: notificationSettings ?? 'defaults',
      waiting: [...mails, ...failedMails].map((e) => e.value).filter((m) => m.personId === personId),
    },
    fundingSubscriptions: fundingSubscription,
    articlesWritten: articles
      .filter((a) => a.authorId === personId || a.updatedBy === personId)
      .map((a) => ({ id: a.id, title: a.title, createdAt: a.createdAt, updatedAt: a.updatedAt })),
    // What was done to this person's records, when and whether by themselves; never the other
    // subjects of a bulk write (a seed's entry names the whole network).
    auditEntries: audit.map((entry) => ({
      at: entry.at,
      action: entry.action,
      byYou: entry.actorId === personId,
      subjectIds: [personId],
    })),
  };
}
