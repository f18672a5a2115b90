import { roleInSentence } from '../../src/domain/role-labels.js';
import { scheduledSentence } from '../../src/features/scheduled-changes/scheduled-sentence.js';
import { suggestionSentence } from '../../src/features/suggestions/suggestion-sentence.js';
import type { Language } from '../../src/domain/errors.js';
import type { ProposedChange } from '../../src/features/proposals/domain/proposals.js';
import type { HubNotice, NoticeAction, WordedNotice } from '../../src/services/chat/notifiers.js';
import type { ProposalFacts, HandedOverWork } from '../../src/services/lifecycle/domain/lifecycle-notices.js';
import type { InvitedMeeting, ClosedMinutes } from '../../src/features/meetings/domain/meeting-notices.js';
import { describeRule } from '../../src/features/meetings/recurrence.js';
import { formatWhen } from '../../src/features/meetings/when.js';
import type { OwnRequestSubject, RequestAbout } from '../../src/features/requests/domain/request-notices.js';
import { commandRef } from './command-refs.js';
import { languageName } from '../../src/domain/languages.js';
import { decisionResult, meetingDetails } from './meeting-lines.js';

// What every transport says when a service tells someone something: one entry per notice type,
// in German and English, with the follow-ups a transport with buttons offers. Commands stay
// references (⟦accept request:1⟧) that each transport writes in the reader's words.

type Worder<T extends HubNotice['type']> = (
  notice: Extract<HubNotice, { type: T }>,
  language: Language,
) => WordedNotice;

const de = (language: Language) => language === 'de';
const when = (iso: string, language: Language) => formatWhen(new Date(iso), language);
const day = (iso: string) => iso.split('-').reverse().join('.');
const text = (value: string): WordedNotice => ({ text: value, actions: [] });

const accept = (requestId: string, language: Language): NoticeAction => ({
  label: de(language) ? 'Annehmen' : 'Accept',
  command: commandRef('accept', requestId),
});

/** " (Thema Gesundheit, von Anna Weber)". */
function aboutLine(about: RequestAbout, language: Language): string {
  const topic = about.topic?.[language];
  const parts = [
    topic ? `${de(language) ? 'Thema' : 'topic'} ${topic}` : null,
    about.requesterName ? `${de(language) ? 'von' : 'from'} ${about.requesterName}` : null,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Someone's own words (a request, a note), quoted so they read as theirs: ': „Wer dolmetscht Dari?“'. */
/** "A, B und C" (German) or "A, B and C". */
const listed = (names: readonly string[], l: Language) =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${de(l) ? 'und' : 'and'} ${names.at(-1)}`;
const quoted = (names: readonly string[], l: Language) => names.map((n) => (de(l) ? `„${n}“` : `"${n}"`)).join(', ');
const said = (words: string | null | undefined, before = ': ') => (words ? `${before}„${words}“` : '');

const CLOSED_WORDS = {
  ACCEPTED: { de: 'wurde angenommen', en: 'was accepted' },
  RESOLVED: { de: 'ist erledigt', en: 'is resolved' },
  DECLINED: { de: 'wurde abgelehnt', en: 'was declined' },
};

/** How a request was closed, and by whom where known: "wurde von Lena Hoffmann angenommen". */
const closedBy = (state: keyof typeof CLOSED_WORDS, by: string | null, l: Language) => {
  if (!by) return CLOSED_WORDS[state][l];
  if (!de(l)) return `${CLOSED_WORDS[state].en} by ${by}`;
  return {
    ACCEPTED: `wurde von ${by} angenommen`,
    RESOLVED: `ist erledigt (${by})`,
    DECLINED: `wurde von ${by} abgelehnt`,
  }[state];
};

/** A requester's own request, named by place and its first words instead of its id. */
const ownRequest = (subject: OwnRequestSubject, l: Language) =>
  `${de(l) ? 'Ihre Anfrage zu' : 'Your request about'} ${subject.place} („${subject.excerpt}“)`;

const workLine = (work: HandedOverWork, language: Language) =>
  de(language)
    ? `${work.requests} offene Anfrage(n), ${work.meetings} Treffen, ${work.tasks} offene Aufgabe(n)`
    : `${work.requests} open request(s), ${work.meetings} meeting(s), ${work.tasks} open action item(s)`;

function changeLine(change: ProposedChange, names: Record<string, string>, language: Language): string {
  const name = (id: string) => names[id] ?? id;
  switch (change.kind) {
    case 'updateSelf':
      return `${de(language) ? 'eigene Angaben ändern' : 'change own details'}: ${Object.entries(change.fields)
        .map(([field, value]) =>
          field === 'languages'
            ? `${de(language) ? 'Sprachen' : 'languages'} ${(value as string[]).map((c) => languageName(c, language)).join(', ')}`
            : `${de(language) ? 'Name' : 'name'} ${String(value)}`,
        )
        .join('; ')}`;
    case 'endRole':
      return de(language) ? 'eine eigene Rolle beenden' : 'end one of their roles';
    case 'joinAlliance':
      return de(language)
        ? `im Bündnis ${name(change.allianceId)} mitwirken`
        : `volunteer in ${name(change.allianceId)}`;
    case 'addLink':
      return de(language) ? `Verbindung zu ${name(change.toId)} eintragen` : `record a link to ${name(change.toId)}`;
  }
}

/** The answers to an invitation as one-click follow-ups (for a series: for all its dates). */
function rsvpActions(meeting: Pick<InvitedMeeting, 'id' | 'seriesRule'>, language: Language): NoticeAction[] {
  const series = meeting.seriesRule ? ' --reihe' : '';
  const answer = (de: string, en: string, word: string): NoticeAction => ({
    label: language === 'de' ? de : en,
    command: commandRef('rsvp', `${meeting.id} ${word}${series}`),
  });
  return [answer('Zusagen', 'Yes', 'ja'), answer('Absagen', 'No', 'nein'), answer('Vielleicht', 'Maybe', 'vielleicht')];
}

function invitation(meeting: InvitedMeeting, language: Language): string {
  const at = new Date(meeting.startsAt);
  const details = meetingDetails(meeting, language);
  if (meeting.seriesRule) {
    const rule = describeRule(meeting.seriesRule, at, language);
    const lines = details.map((line) => `${line}\n`).join('');
    return de(language)
      ? `Einladung zur Reihe „${meeting.title}“: ${rule} (${meeting.durationMinutes} Minuten). Erster Termin: ${formatWhen(at, 'de')}.\n${lines}Zusagen für alle Termine: ${commandRef('rsvp', `${meeting.id} ja|nein|vielleicht --reihe`)}; einzelne Termine: ${commandRef('rsvp', '<Termin> ja|nein')}`
      : `Invitation to the series "${meeting.title}": ${rule} (${meeting.durationMinutes} minutes). First date: ${formatWhen(at, 'en')}.\n${lines}Answer for all dates: ${commandRef('rsvp', `${meeting.id} yes|no|maybe --series`)}; single dates: ${commandRef('rsvp', '<meeting> yes|no')}`;
  }
  return (
    de(language)
      ? [
          `Einladung: „${meeting.title}“ am ${formatWhen(at, 'de')} (${meeting.durationMinutes} Minuten).`,
          ...details,
          `Zusagen: ${commandRef('rsvp', `${meeting.id} ja|nein|vielleicht`)}`,
        ]
      : [
          `Invitation: "${meeting.title}" on ${formatWhen(at, 'en')} (${meeting.durationMinutes} minutes).`,
          ...details,
          `Answer: ${commandRef('rsvp', `${meeting.id} yes|no|maybe`)}`,
        ]
  ).join('\n');
}

function minutesText(minutes: ClosedMinutes, language: Language): string {
  const german = de(language);
  const list = (items: readonly string[]) => (items.length ? items.map((item) => `• ${item}`) : ['–']);
  return [
    german ? `Protokoll: ${minutes.title}` : `Minutes: ${minutes.title}`,
    german ? 'Beschlüsse:' : 'Decisions:',
    ...list(minutes.decisions),
    german ? 'Aufgaben:' : 'Action items:',
    ...list(
      minutes.tasks.map(
        (t) => `${t.done ? '✓ ' : ''}${t.text} (${t.ownerName}, ${german ? 'bis' : 'due'} ${day(t.due)})`,
      ),
    ),
    ...(minutes.polls.length
      ? [german ? 'Abstimmungen:' : 'Votes:', ...minutes.polls.map((p) => `• ${decisionResult(p, german)}`)]
      : []),
    german ? 'Informationen:' : 'Information:',
    ...list(minutes.infos),
    `${german ? 'Anwesend' : 'Present'}: ${minutes.presentNames.join(', ') || '–'}`,
    ...(minutes.printUrl ? [`${german ? 'Zum Drucken' : 'To print'}: ${minutes.printUrl}`] : []),
  ].join('\n');
}

function proposalLine(facts: ProposalFacts, language: Language): string {
  return changeLine(facts.change, facts.names, language);
}

const NOTICE_TEXTS: { [T in HubNotice['type']]: Worder<T> } = {
  requestFiled: (n, l) => ({
    text: de(l)
      ? `Neue Anfrage für ${n.place}${aboutLine(n.about, l)}${said(n.text)}\nAnnehmen: ${commandRef('accept', n.requestId)}`
      : `New request for ${n.place}${aboutLine(n.about, l)}${said(n.text)}\nAccept: ${commandRef('accept', n.requestId)}`,
    actions: [accept(n.requestId, l)],
  }),
  adviceRequested: (n, l) => ({
    text: de(l)
      ? `Anfrage zu Ihrem Beratungsangebot „${n.offerTitle}“${aboutLine(n.about, l)}${said(n.text)}\nAnnehmen: ${commandRef('accept', n.requestId)}`
      : `Request for your advice offer "${n.offerTitle}"${aboutLine(n.about, l)}${said(n.text)}\nAccept: ${commandRef('accept', n.requestId)}`,
    actions: [accept(n.requestId, l)],
  }),
  requestForwarded: (n, l) => ({
    text: de(l)
      ? `Weitergeleitete Anfrage${aboutLine(n.about, l)}${said(n.text)}${said(n.note, '\nGrund der Weiterleitung: ')}\nAnnehmen: ${commandRef('accept', n.requestId)}`
      : `Forwarded request${aboutLine(n.about, l)}${said(n.text)}${said(n.note, '\nWhy it was forwarded: ')}\nAccept: ${commandRef('accept', n.requestId)}`,
    actions: [accept(n.requestId, l)],
  }),
  requestEscalated: (n, l) => ({
    text: de(l)
      ? `Eine Anfrage blieb unbeantwortet und liegt jetzt bei Ihnen${said(n.text)}\nAnnehmen: ${commandRef('accept', n.requestId)}`
      : `A request went unanswered and now waits on you${said(n.text)}\nAccept: ${commandRef('accept', n.requestId)}`,
    actions: [accept(n.requestId, l)],
  }),
  ownRequestForwarded: (n, l) =>
    text(
      n.subject
        ? de(l)
          ? `${ownRequest(n.subject, l)} wurde weitergeleitet${n.subject.handlerName ? ` an ${n.subject.handlerName}` : ''}.`
          : `${ownRequest(n.subject, l)} was forwarded${n.subject.handlerName ? ` to ${n.subject.handlerName}` : ''}.`
        : de(l)
          ? `Eine Ihrer Anfragen wurde weitergeleitet. Ihre Anfragen: ${commandRef('requests')}`
          : `One of your requests was forwarded. Your requests: ${commandRef('requests')}`,
    ),
  ownRequestEscalated: (n, l) =>
    text(
      de(l)
        ? `${n.subject ? ownRequest(n.subject, l) : 'Eine Ihrer Anfragen'} blieb unbeantwortet und ging an die Koordinationskraft des Kreises${n.subject?.handlerName ? ` (${n.subject.handlerName})` : ''}.`
        : `${n.subject ? ownRequest(n.subject, l) : 'One of your requests'} went unanswered and was passed to the district's coordinator${n.subject?.handlerName ? ` (${n.subject.handlerName})` : ''}.`,
    ),
  ownRequestHandedOver: (n, l) =>
    text(
      de(l)
        ? `${n.subject ? ownRequest(n.subject, l) : 'Eine Ihrer Anfragen'} wird jetzt von ${n.handlerName} bearbeitet.`
        : `${n.subject ? ownRequest(n.subject, l) : 'One of your requests'} is now handled by ${n.handlerName}.`,
    ),
  ownRequestClosed: (n, l) =>
    text(
      n.subject
        ? `${ownRequest(n.subject, l)} ${closedBy(n.state, n.subject.handlerName, l)}${said(n.note, ' – ')}. ${de(l) ? 'Ihre Anfragen und wer sie bearbeitet:' : 'Your requests and who handles them:'} ${commandRef('requests')}`
        : `${de(l) ? 'Eine Ihrer Anfragen' : 'One of your requests'} ${CLOSED_WORDS[n.state][l]}${said(n.note, ' – ')}. ${commandRef('requests')}`,
    ),

  meetingInvitation: (n, l) => ({ text: invitation(n.meeting, l), actions: rsvpActions(n.meeting, l) }),
  meetingRescheduled: (n, l) =>
    text(
      de(l)
        ? `Verschoben: „${n.title}“ ist jetzt am ${when(n.startsAt, l)}. Bitte neu zusagen: ${commandRef('rsvp', `${n.meetingId} ja|nein|vielleicht`)}`
        : `Rescheduled: "${n.title}" is now on ${when(n.startsAt, l)}. Please answer again: ${commandRef('rsvp', `${n.meetingId} yes|no|maybe`)}`,
    ),
  meetingCancelled: (n, l) =>
    text(
      de(l)
        ? `Abgesagt: „${n.title}“ am ${when(n.startsAt, l)} findet nicht statt.`
        : `Cancelled: "${n.title}" on ${when(n.startsAt, l)} will not take place.`,
    ),
  seriesRescheduled: (n, l) => {
    const rule = describeRule(n.rule, new Date(n.next), l);
    return text(
      de(l)
        ? `Geändert: Die Reihe „${n.title}“ läuft ab ${when(n.from, l)} ${rule}. Nächster Termin: ${when(n.next, l)}. Bitte neu zusagen: ${commandRef('rsvp', `${n.meetingId} ja|nein|vielleicht --reihe`)}`
        : `Changed: from ${when(n.from, l)} the series "${n.title}" runs ${rule}. Next date: ${when(n.next, l)}. Please answer again: ${commandRef('rsvp', `${n.meetingId} yes|no|maybe --series`)}`,
    );
  },
  seriesCancelled: (n, l) =>
    text(
      de(l)
        ? `Abgesagt: Die Reihe „${n.title}“ endet; ab ${when(n.from, l)} finden keine Termine mehr statt.`
        : `Cancelled: the series "${n.title}" ends; from ${when(n.from, l)} no more dates take place.`,
    ),
  meetingHandedOver: (n, l) =>
    text(
      de(l)
        ? `Das Treffen „${n.title}“ organisiert jetzt ${n.organiserName}.`
        : `The meeting "${n.title}" is now organised by ${n.organiserName}.`,
    ),
  meetingReminder: (n, l) =>
    text(
      [
        de(l)
          ? `Erinnerung: „${n.title}“ beginnt am ${when(n.startsAt, l)}.`
          : `Reminder: "${n.title}" starts on ${when(n.startsAt, l)}.`,
        ...meetingDetails(n, l),
        ...(n.meetingId ? [`${de(l) ? 'Ihre Treffen' : 'Your meetings'}: ${commandRef('meetings')}`] : []),
      ].join('\n'),
    ),
  datesOffered: (n, l) => {
    const list = n.slots.map((s, i) => `${i + 1}. ${when(s, l)}`).join('\n');
    return text(
      de(l)
        ? `Terminfindung „${n.title}“: Welche Termine passen Ihnen?\n${list}\nAntworten Sie mit ${commandRef('vote', `${n.pollId} <Nummern>`)}, z. B. ${commandRef('vote', `${n.pollId} 1 3`)}`
        : `Finding a date for "${n.title}": which dates suit you?\n${list}\nAnswer with ${commandRef('vote', `${n.pollId} <numbers>`)}, e.g. ${commandRef('vote', `${n.pollId} 1 3`)}`,
    );
  },
  actionItemDue: (n, l) =>
    text(
      n.overdue
        ? de(l)
          ? `Erinnerung: Ihre Aufgabe „${n.text}“ war am ${day(n.due)} fällig und ist noch offen.`
          : `Reminder: your action item "${n.text}" was due on ${day(n.due)} and is still open.`
        : de(l)
          ? `Erinnerung: Ihre Aufgabe „${n.text}“ ist heute fällig.`
          : `Reminder: your action item "${n.text}" is due today.`,
    ),
  actionItemHandedOver: (n, l) =>
    text(
      de(l)
        ? `Ihnen wurde eine Aufgabe aus „${n.meetingTitle}“ übertragen: ${n.text}${n.due ? ` (bis ${day(n.due)})` : ''}`
        : `An action item from "${n.meetingTitle}" was handed to you: ${n.text}${n.due ? ` (due ${day(n.due)})` : ''}`,
    ),
  minutesClosed: (n, l) => text(minutesText(n.minutes, l)),

  workTakenOver: (n, l) =>
    text(
      de(l)
        ? `Sie übernehmen von ${n.leaverName} (${roleInSentence(n.role, l)}, beendet zum ${day(n.until)}): ${workLine(n.work, l)}.`
        : `You take over from ${n.leaverName} (${roleInSentence(n.role, l)}, ended on ${day(n.until)}): ${workLine(n.work, l)}.`,
    ),
  roleEnded: (n, l) =>
    text(
      de(l)
        ? `Ihre Rolle als ${roleInSentence(n.role, l)} ist zum ${day(n.until)} beendet. ${n.receiverName} übernimmt ${workLine(n.work, l)}.`
        : `Your role as ${roleInSentence(n.role, l)} ended on ${day(n.until)}. ${n.receiverName} takes over ${workLine(n.work, l)}.`,
    ),
  roleEndScheduled: (n, l) => {
    const role = roleInSentence(n.role, l);
    const on = day(n.effectiveOn);
    const takes = n.successorName
      ? de(l)
        ? ` ${n.successorName} übernimmt ab diesem Tag Rolle und offene Arbeit.`
        : ` ${n.successorName} takes the role and open work over from that day.`
      : de(l)
        ? ' Die offene Arbeit geht dann an die Koordination des Kreises.'
        : ' The open work then goes to the district coordination.';
    if (n.reader === 'leaver')
      return text(
        de(l)
          ? `Ihre Rolle (${role}) endet zum ${on}.${takes} Bis dahin ändert sich nichts.`
          : `Your role (${role}) ends on ${on}.${takes} Until then nothing changes.`,
      );
    if (n.reader === 'successor')
      return text(
        de(l)
          ? `Sie übernehmen zum ${on} die Rolle von ${n.personName} (${role}) mit ihrer offenen Arbeit.`
          : `You take over ${n.personName}'s role (${role}) with its open work on ${on}.`,
      );
    return text(
      de(l)
        ? `Geplant: Die Rolle von ${n.personName} (${role}) endet zum ${on}.${takes} Geplante Änderungen zeigt ${commandRef('scheduled')}.`
        : `Scheduled: ${n.personName}'s role (${role}) ends on ${on}.${takes} ${commandRef('scheduled')} lists what is scheduled.`,
    );
  },
  roleEndCancelled: (n, l) =>
    text(
      de(l)
        ? `Abgesagt: Die Rolle von ${n.personName} (${roleInSentence(n.role, l)}) endet nicht zum ${day(n.effectiveOn)}; ${n.cancelledBy || 'die Administration'} hat die geplante Änderung zurückgenommen.`
        : `Cancelled: ${n.personName}'s role (${roleInSentence(n.role, l)}) does not end on ${day(n.effectiveOn)}; ${n.cancelledBy || 'the administration'} took the scheduled change back.`,
    ),
  suggestionsWeekly: (n, l) =>
    text(
      [
        de(l) ? 'Empfehlungen der Woche für Ihr Netzwerk:' : "This week's suggestions for your network:",
        ...n.suggestions.map((s) => {
          const { reason, step } = suggestionSentence(s, (id) => n.names[id] ?? '…', l);
          return `• ${reason} → ${step}`;
        }),
        de(l)
          ? `Alle Empfehlungen und ihre Schritte zeigt ${commandRef('suggestions')}.`
          : `${commandRef('suggestions')} lists every suggestion and its step.`,
      ].join('\n'),
    ),
  fundingCallShared: (n, l) =>
    text(
      [
        de(l)
          ? `${n.sharedBy} teilt einen Förderaufruf, der zu Ihrer Anfrage oder Projektidee zu ${quoted(n.topics, l)} passt: „${n.title}“ (${n.funder}), Frist ${day(n.closesOn)}.`
          : `${n.sharedBy} shares a funding call that fits your request or project idea on ${quoted(n.topics, l)}: "${n.title}" (${n.funder}), deadline ${day(n.closesOn)}.`,
        ...(n.url ? [n.url] : []),
        de(l) ? `Offene Aufrufe zeigt ${commandRef('funding')}.` : `${commandRef('funding')} lists the open calls.`,
      ].join('\n'),
    ),
  helpAsked: (n, l) =>
    text(
      de(l)
        ? `${n.askedBy} (${n.district}) bittet um Rat: Eine Anfrage zu „${n.topic}“ wartet dort seit ${n.waitingDays === 1 ? 'einem Tag' : `${n.waitingDays} Tagen`}. In Ihrem Kreis ${n.solvers.length === 1 ? 'hat' : 'haben'} ${listed(n.solvers, l)} Anfragen zu diesem Thema gelöst. Können Sie den Kontakt herstellen? Antworten Sie ${n.askedBy} direkt.`
        : `${n.askedBy} (${n.district}) asks for advice: a request on "${n.topic}" has been waiting there for ${n.waitingDays === 1 ? 'a day' : `${n.waitingDays} days`}. In your district, ${listed(n.solvers, l)} resolved requests on this topic. Could you put them in touch? Answer ${n.askedBy} directly.`,
    ),
  changeScheduled: (n, l) =>
    text(
      de(l)
        ? `Geplant: ${scheduledSentence(n.change, n.effectiveOn, l)}. Bis dahin ändert sich nichts; geplante Änderungen zeigt ${commandRef('scheduled')}.`
        : `Scheduled: ${scheduledSentence(n.change, n.effectiveOn, l)}. Until then nothing changes; ${commandRef('scheduled')} lists what is scheduled.`,
    ),
  changeCancelled: (n, l) =>
    text(
      de(l)
        ? `Abgesagt: ${scheduledSentence(n.change, n.effectiveOn, l, true)}; ${n.cancelledBy || 'die Administration'} hat die geplante Änderung zurückgenommen.`
        : `Cancelled: ${scheduledSentence(n.change, n.effectiveOn, l, true)}; ${n.cancelledBy || 'the administration'} took the scheduled change back.`,
    ),
  entryCheckDue: (_n, l) =>
    text(
      de(l)
        ? `Stimmt Ihr Eintrag im Integrationsnetzwerk noch? Bitte prüfen Sie ihn mit ${commandRef('me')}. Ist alles richtig, antworten Sie mit ${commandRef('propose', 'bestätigt')}; sonst schlagen Sie die Änderung mit ${commandRef('propose')} vor.`
        : `Is your entry in the integration network still right? Please check it with ${commandRef('me')}. If all is correct, answer ${commandRef('propose', 'confirm')}; otherwise propose the change with ${commandRef('propose')}.`,
    ),
  proposalToReview: ({ proposal: p, waitingDays }, l) =>
    text(
      waitingDays === null
        ? de(l)
          ? `Neuer Änderungsvorschlag von ${p.proposerName}: ${proposalLine(p, l)}. Prüfen mit ${commandRef('proposals')}.`
          : `New change proposal from ${p.proposerName}: ${proposalLine(p, l)}. Review with ${commandRef('proposals')}.`
        : de(l)
          ? `Erinnerung: Der Änderungsvorschlag von ${p.proposerName} (${proposalLine(p, l)}) wartet seit über ${waitingDays} Tagen. Prüfen mit ${commandRef('proposals')}.`
          : `Reminder: the change proposal from ${p.proposerName} (${proposalLine(p, l)}) has been waiting for over ${waitingDays} days. Review with ${commandRef('proposals')}.`,
    ),
  proposalDecided: ({ proposal: p, applied, reason }, l) =>
    text(
      applied
        ? de(l)
          ? `Ihr Vorschlag (${proposalLine(p, l)}) wurde übernommen.`
          : `Your proposal (${proposalLine(p, l)}) has been applied.`
        : de(l)
          ? `Ihr Vorschlag (${proposalLine(p, l)}) wurde abgelehnt: ${reason}`
          : `Your proposal (${proposalLine(p, l)}) was rejected: ${reason}`,
    ),

  fundingDeadline: (n, l) =>
    text(
      [
        de(l)
          ? `Förderfrist: „${n.title}“ (${n.funder}) endet ${n.daysLeft === 0 ? 'heute' : n.daysLeft === 1 ? 'morgen' : `in ${n.daysLeft} Tagen`}, am ${day(n.closesOn)}.`
          : `Funding deadline: "${n.title}" (${n.funder}) closes ${n.daysLeft === 0 ? 'today' : n.daysLeft === 1 ? 'tomorrow' : `in ${n.daysLeft} days`}, on ${day(n.closesOn)}.`,
        ...(n.url ? [n.url] : []),
        de(l)
          ? `Abbestellen: ${commandRef('funding', 'abbestellen <Thema>')}`
          : `Unsubscribe: ${commandRef('funding', 'unsubscribe <topic>')}`,
      ].join('\n'),
    ),

  chatLinkRequested: (n, l) => {
    const confirm = commandRef('confirm', `${n.userId} ${n.personId}`);
    return text(
      de(l)
        ? `${n.userId} möchte als ${n.personName} verknüpft werden. Wenn das stimmt: ${confirm}`
        : `${n.userId} asks to be linked as ${n.personName}. If that is right: ${confirm}`,
    );
  },
  chatLinkConfirmed: (n, l) =>
    text(
      de(l)
        ? `Ihr Chat-Konto ${n.userId} ist jetzt mit Ihrer Person verknüpft. Was Sie hier tun können: ${commandRef('help')}`
        : `Your chat account ${n.userId} is now linked to your person. What you can do here: ${commandRef('help')}`,
    ),
  chatLinkReplaced: (n, l) =>
    text(
      de(l)
        ? `Achtung: ${n.confirmerName} verknüpft Ihre Person mit dem Chat-Konto ${n.replacedBy}; Ihr Konto ${n.userId} ist dann nicht mehr mit Ihnen verknüpft. Wenn das nicht von Ihnen ausgeht, melden Sie sich bitte sofort bei Ihrer Kreiskoordination.`
        : `Attention: ${n.confirmerName} links your person to the chat account ${n.replacedBy}; your account ${n.userId} will then no longer be linked to you. If this is not your doing, tell your district coordination at once.`,
    ),
  plain: (n, l) => text(n[l]),
};

/** A notice in the reader's language: its text (commands as references) and its follow-ups. */
export function wordNotice(notice: HubNotice, language: Language): WordedNotice {
  return (NOTICE_TEXTS[notice.type] as Worder<HubNotice['type']>)(notice as never, language);
}
