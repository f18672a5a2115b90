import { expect, it } from 'vitest';
import { expandCommandRefs } from '../../../bots/core/command-refs.js';
import { wordNotice } from '../../../bots/core/notice-texts.js';
import { COMMANDS } from '../../../bots/commands/index.js';
import type { HubNotice } from '../../../src/services/chat/notifiers.js';

// Every notice a service can give is worded in German and English by the one table in bots/core,
// with commands the reader can type. A new notice type without an example here fails to compile.

const EXAMPLES: { [T in HubNotice['type']]: Extract<HubNotice, { type: T }> } = {
  requestFiled: {
    type: 'requestFiled',
    requestId: 'request:ab12cd34',
    place: 'Radebeul',
    about: { topic: { de: 'Gesundheit', en: 'Health' }, requesterName: 'Anna Weber' },
    text: 'Wer dolmetscht Dari?',
  },
  requestForwarded: {
    type: 'requestForwarded',
    requestId: 'request:ab12cd34',
    about: { topic: null, requesterName: null },
    text: 'Wer dolmetscht Dari?',
    note: 'Bitte übernehmen',
  },
  adviceRequested: {
    type: 'adviceRequested',
    requestId: 'request:ab12cd34',
    offerTitle: 'Interkulturelles Training',
    about: { topic: null, requesterName: 'Jobcenter Meißen' },
    text: 'Für unser Team im Januar?',
  },
  requestEscalated: { type: 'requestEscalated', requestId: 'request:ab12cd34', text: 'Wer dolmetscht Dari?' },
  ownRequestForwarded: {
    type: 'ownRequestForwarded',
    requestId: 'request:ab12cd34',
    subject: { place: 'Radebeul', excerpt: 'Wer dolmetscht Dari?', handlerName: 'Jana Berger' },
  },
  ownRequestEscalated: { type: 'ownRequestEscalated', requestId: 'request:ab12cd34' },
  ownRequestHandedOver: { type: 'ownRequestHandedOver', requestId: 'request:ab12cd34', handlerName: 'Mira Hoffmann' },
  ownRequestClosed: {
    type: 'ownRequestClosed',
    requestId: 'request:ab12cd34',
    state: 'ACCEPTED',
    note: 'Ich melde mich morgen',
    subject: { place: 'Radebeul', excerpt: 'Wer dolmetscht Dari?', handlerName: 'Mira Hoffmann' },
  },
  meetingInvitation: {
    type: 'meetingInvitation',
    meeting: {
      id: 'meeting:1',
      title: 'Austausch Kita',
      startsAt: '2026-12-08T13:00:00.000Z',
      durationMinutes: 90,
      agenda: 'Sprachförderung',
    },
  },
  meetingRescheduled: {
    type: 'meetingRescheduled',
    meetingId: 'meeting:1',
    title: 'Austausch Kita',
    startsAt: '2026-12-09T13:00:00.000Z',
  },
  meetingCancelled: { type: 'meetingCancelled', title: 'Austausch Kita', startsAt: '2026-12-08T13:00:00.000Z' },
  seriesRescheduled: {
    type: 'seriesRescheduled',
    meetingId: 'meeting:2',
    title: 'Jour fixe',
    from: '2026-12-08T13:00:00.000Z',
    rule: 'FREQ=WEEKLY;BYDAY=WE',
    next: '2026-12-09T13:00:00.000Z',
  },
  seriesCancelled: { type: 'seriesCancelled', title: 'Jour fixe', from: '2026-12-08T13:00:00.000Z' },
  meetingHandedOver: { type: 'meetingHandedOver', title: 'Austausch Kita', organiserName: 'Mira Hoffmann' },
  meetingReminder: { type: 'meetingReminder', title: 'Austausch Kita', startsAt: '2026-12-08T13:00:00.000Z' },
  datesOffered: {
    type: 'datesOffered',
    pollId: 'poll:1',
    title: 'Austausch Kita',
    slots: ['2026-12-08T13:00:00.000Z', '2026-12-10T09:00:00.000Z'],
  },
  actionItemDue: { type: 'actionItemDue', text: 'Liste teilen', due: '2026-12-08', overdue: true },
  actionItemHandedOver: { type: 'actionItemHandedOver', meetingTitle: 'Austausch Kita', text: 'Liste', due: null },
  minutesClosed: {
    type: 'minutesClosed',
    minutes: {
      title: 'Austausch Kita',
      decisions: ['Wir teilen die Dolmetscherliste.'],
      tasks: [{ text: 'Liste teilen', ownerName: 'Anna Weber', due: '2026-12-15', done: true }],
      polls: [],
      infos: [],
      presentNames: ['Anna Weber'],
      printUrl: 'http://hub.test/minutes/meeting:1?t=x',
    },
  },
  workTakenOver: {
    type: 'workTakenOver',
    leaverName: 'Anna Weber',
    role: 'KIK',
    until: '2026-11-30',
    work: { requests: 1, meetings: 2, tasks: 0 },
  },
  roleEnded: {
    type: 'roleEnded',
    receiverName: 'Mira Hoffmann',
    role: 'KOORDINATIONSKRAFT',
    until: '2026-11-30',
    work: { requests: 1, meetings: 2, tasks: 0 },
  },
  roleEndScheduled: {
    type: 'roleEndScheduled',
    personName: 'Anna Weber',
    role: 'KIK',
    effectiveOn: '2027-01-31',
    successorName: 'Lena Hoffmann',
    reader: 'coordination',
  },
  roleEndCancelled: {
    type: 'roleEndCancelled',
    personName: 'Anna Weber',
    role: 'KIK',
    effectiveOn: '2027-01-31',
    cancelledBy: 'Max Köhler',
  },
  entryCheckDue: { type: 'entryCheckDue' },
  proposalToReview: {
    type: 'proposalToReview',
    proposal: {
      proposalId: 'proposal:1',
      proposerName: 'Anna Weber',
      change: { kind: 'joinAlliance', allianceId: 'alliance:1' },
      names: { 'alliance:1': 'Bündnis Buntes Meißen' },
    },
    waitingDays: 14,
  },
  proposalDecided: {
    type: 'proposalDecided',
    proposal: {
      proposalId: 'proposal:1',
      proposerName: 'Anna Weber',
      change: { kind: 'endRole', roleId: 'role:1' },
      names: {},
    },
    applied: false,
    reason: 'Rolle besteht noch',
  },
  chatLinkRequested: {
    type: 'chatLinkRequested',
    userId: '@anna:hub.test',
    personId: 'person:1',
    personName: 'Anna Weber',
  },
  chatLinkConfirmed: { type: 'chatLinkConfirmed', userId: '@anna:hub.test' },
  chatLinkReplaced: {
    type: 'chatLinkReplaced',
    userId: '@anna:hub.test',
    replacedBy: '@anna-neu:hub.test',
    confirmerName: 'Max Köhler',
  },
  plain: { type: 'plain', de: 'Raumänderung', en: 'Room change' },
  fundingDeadline: {
    type: 'fundingDeadline',
    callId: 'demo-wohnen-14627',
    title: 'Wohnraum für alle',
    funder: 'Stiftung Beispiel',
    closesOn: '2027-01-31',
    daysLeft: 7,
    url: 'https://example.org/aufruf',
  },
};

it('words every notice in German and English, with commands the reader can type', () => {
  for (const notice of Object.values(EXAMPLES) as HubNotice[]) {
    const de = wordNotice(notice, 'de');
    const en = wordNotice(notice, 'en');
    for (const [language, worded] of [
      ['de', de],
      ['en', en],
    ] as const) {
      const typed = expandCommandRefs(worded.text, language, COMMANDS);
      expect(typed, `${notice.type} (${language})`).not.toMatch(/undefined|null|\[object|⟦|NaN/);
      for (const action of worded.actions)
        expect(expandCommandRefs(action.command, language, COMMANDS), notice.type).toMatch(/^!\S+ /);
    }
    expect(de.text, `${notice.type} differs by language`).not.toBe(en.text);
  }
});

it('writes the follow-ups of a notice in the reader’s command words', () => {
  const filed = wordNotice(EXAMPLES.requestFiled, 'de');
  expect(expandCommandRefs(filed.text, 'de', COMMANDS)).toBe(
    'Neue Anfrage request:ab12cd34 für Radebeul (Thema Gesundheit, von Anna Weber): Wer dolmetscht Dari?\nAnnehmen: !annehmen request:ab12cd34',
  );
  expect(filed.actions.map((a) => [a.label, expandCommandRefs(a.command, 'de', COMMANDS)])).toEqual([
    ['Annehmen', '!annehmen request:ab12cd34'],
  ]);
  const invitation = wordNotice(EXAMPLES.meetingInvitation, 'en');
  expect(expandCommandRefs(invitation.text, 'en', COMMANDS)).toBe(
    'Invitation: "Austausch Kita" on Tuesday, 8 December 2026 at 14:00 (90 minutes).\nAgenda: Sprachförderung\nAnswer: !rsvp meeting:1 yes|no|maybe',
  );
  expect(invitation.actions.map((a) => a.label)).toEqual(['Yes', 'No', 'Maybe']);
  expect(wordNotice(EXAMPLES.minutesClosed, 'de').text).toContain('• ✓ Liste teilen (Anna Weber, bis 15.12.2026)\n');
});

it('tells a requester what became of their request by place, words and person, not by its id (issue 35)', () => {
  const closed = expandCommandRefs(wordNotice(EXAMPLES.ownRequestClosed, 'de').text, 'de', COMMANDS);
  expect(closed).toBe(
    'Ihre Anfrage zu Radebeul („Wer dolmetscht Dari?“) wurde von Mira Hoffmann angenommen – Ich melde mich morgen. Ihre Anfragen und wer sie bearbeitet: !anfragen',
  );
  expect(closed).not.toContain('request:');
  const forwarded = wordNotice(EXAMPLES.ownRequestForwarded, 'de').text;
  expect(forwarded).toBe('Ihre Anfrage zu Radebeul („Wer dolmetscht Dari?“) wurde weitergeleitet an Jana Berger.');
});
