import { DomainError } from '../../domain/errors.js';
import { describeRule, splitWhenOrRule } from './recurrence.js';
import { formatWhen } from './when.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import { relayNote } from '../../../bots/core/delivery.js';

const FORCE = new Set(['--trotzdem', '--anyway']);

/** The service's answer, plus the hint that a title of several words needs quotes. */
class TitleNeedsQuotes extends DomainError {
  readonly code: string;
  constructor(cause: DomainError, title: string) {
    super(
      `${cause.message} If the title has several words, put it in quotes: !meeting "${title} …" next Tuesday 2pm Radebeul`,
      `${cause.messageDe} Hat der Titel mehrere Wörter, bitte in Anführungszeichen: !treffen "${title} …" nächsten Dienstag 14 Uhr Radebeul`,
    );
    this.code = cause.code;
  }
}
const ALLIANCES = new Set(['--buendnisse', '--bündnisse', '--alliances']);
const ONLINE = new Set(['--online', '--video']);
const AGENDA = new Set(['--tagesordnung', '--agenda']);
const PLACE = new Set(['--ort', '--place']);
const isFlag = (a: string) =>
  FORCE.has(a.toLowerCase()) || ALLIANCES.has(a.toLowerCase()) || ONLINE.has(a.toLowerCase());

/** The value given after a keyword (one quoted argument, e.g. --tagesordnung "…"), and the other words. */
function takeValue(
  args: string[],
  keywords: ReadonlySet<string>,
): { value: string | undefined; rest: string[] } | null {
  const at = args.findIndex((a) => keywords.has(a.toLowerCase()));
  if (at < 0) return { value: undefined, rest: args };
  if (at + 1 >= args.length) return null;
  return { value: args[at + 1]!, rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}

export const scheduleMeetingCommand = defineCommand({
  name: { de: 'treffen', en: 'meeting' },
  summary: {
    de: 'lädt die Koordination von Gemeinden Ihres Kreises zu einem Erfahrungsaustausch ein',
    en: 'invites the coordination of municipalities of your district to an exchange meeting',
  },
  usage: {
    de: '!treffen "<Titel>" <wann> <Gemeinden/Personen...> [--ort "<Adresse oder Raum>"] [--bündnisse] [--online] [--tagesordnung "<Text>"]',
    en: '!meeting "<title>" <when> <municipalities/people...> [--place "<address or room>"] [--alliances] [--online] [--agenda "<text>"]',
  },
  example: {
    de: '!treffen "Austausch Schulanmeldung" nächsten Dienstag 14 Uhr Radebeul Coswig (oder als Reihe: jeden ersten Dienstag im Monat 14 Uhr)',
    en: '!meeting "School enrolment" next Tuesday 2pm Radebeul Coswig (or as a series: every first Tuesday of the month 2pm)',
  },
  options: [
    {
      name: { de: 'titel', en: 'title' },
      description: { de: 'Titel des Treffens', en: 'title of the meeting' },
      required: true,
    },
    {
      name: { de: 'wann', en: 'when' },
      description: {
        de: 'z. B. nächsten Dienstag 14 Uhr; jeden ersten Dienstag im Monat 14 Uhr',
        en: 'e.g. next Tuesday 2pm; every first Tuesday of the month 2pm',
      },
      required: true,
      rest: true,
    },
    {
      name: { de: 'wer', en: 'who' },
      description: { de: 'Gemeinden oder Personen-IDs', en: 'municipalities or person ids' },
      required: true,
      autocomplete: 'municipality',
      rest: true,
    },
    {
      name: { de: 'ort', en: 'place' },
      description: { de: 'Adresse oder Raum des Treffens', en: 'address or room of the meeting' },
      required: false,
      keyword: { de: '--ort', en: '--place' },
    },
    {
      name: { de: 'tagesordnung', en: 'agenda' },
      description: { de: 'Tagesordnung des Treffens', en: 'agenda of the meeting' },
      required: false,
      keyword: { de: '--tagesordnung', en: '--agenda' },
    },
    {
      name: { de: 'online', en: 'online' },
      description: { de: 'mit Videoraum', en: 'with a video room' },
      required: false,
      choices: ['--online'],
    },
  ],
  uses: ['meetings'],
  parse: (all) => {
    const withAgenda = takeValue(all, AGENDA);
    const withPlace = withAgenda && takeValue(withAgenda.rest, PLACE);
    if (!withAgenda || !withPlace) return unparsable;
    const agenda = withAgenda.value;
    const place = withPlace.value;
    const args = withPlace.rest;
    const confirmed = args.some((a) => FORCE.has(a.toLowerCase()));
    const includeAlliances = args.some((a) => ALLIANCES.has(a.toLowerCase()));
    const online = args.some((a) => ONLINE.has(a.toLowerCase()));
    const words = args.filter((a) => !isFlag(a));
    return words.length >= 3
      ? parsed({
          title: words[0]!,
          words: words.slice(1).flatMap((w) => w.split(/\s+/)),
          confirmed,
          includeAlliances,
          online,
          agenda,
          place,
        })
      : unparsable;
  },
  run: async (args, context, deps) => {
    const { when, rest } = splitWhenOrRule(args.words, new Date());
    try {
      const meeting = await deps.services.meetings.schedule(
        {
          title: args.title,
          when,
          invite: rest,
          confirmed: args.confirmed,
          includeAlliances: args.includeAlliances,
          online: args.online,
          ...(args.agenda ? { agenda: args.agenda } : {}),
          ...(args.place ? { place: args.place } : {}),
        },
        context.viewer,
      );
      // Who gets the invitation in chat: invitees with a linked account on this transport.
      const accounts = await deps.identities.accountsOfPeople(meeting.inviteeIds, context.user.transport);
      return {
        meeting,
        inChat: meeting.inviteeIds.filter((id) => (accounts.get(id) ?? []).length > 0).length,
        relayed: relayNote(deps.relay, meeting.inviteeIds.length, context.language),
      };
    } catch (error) {
      // A one-word title followed by an unreadable date is most often a title typed without quotes.
      if (
        error instanceof DomainError &&
        !/\s/.test(args.title) &&
        (error.code === 'DATE_UNCLEAR' || error.code === 'MUNICIPALITY_NOT_FOUND')
      )
        throw new TitleNeedsQuotes(error, args.title);
      throw error;
    }
  },
  render: ({ meeting, inChat, relayed }, { language }) => {
    const de = language === 'de';
    const at = new Date(meeting.startsAt);
    const invited = meeting.inviteeIds.length;
    const reached = relayed
      ? `${de ? `Eingeladen: ${invited} Personen.` : `Invited: ${invited} people.`} ${relayed}`
      : de
        ? `Eingeladen: ${invited} Personen; ${inChat === invited ? 'alle erhalten' : `${inChat} davon erhalten`} eine Direktnachricht${inChat === invited ? '' : ' (die übrigen haben kein verknüpftes Chat-Konto)'}.`
        : `Invited: ${invited} people; ${inChat === invited ? 'all get' : `${inChat} of them get`} a direct message${inChat === invited ? '' : ' (the others have no linked chat account)'}.`;
    if (meeting.series)
      return reply([
        de
          ? `Die Reihe „${meeting.title}“ ist angelegt: ${describeRule(meeting.series.rule, at, 'de')}. Erster Termin: ${formatWhen(at, 'de')} (${meeting.id}). ${reached}`
          : `The series "${meeting.title}" is scheduled: ${describeRule(meeting.series.rule, at, 'en')}. First date: ${formatWhen(at, 'en')} (${meeting.id}). ${reached}`,
        de
          ? `Einen Termin ändern: !verschieben <Termin> <wann>; diesen und alle folgenden: … --folgende`
          : `Change one date: !reschedule <meeting> <when>; this and all later ones: … --following`,
      ]);
    return reply([
      de
        ? `„${meeting.title}“ ist angelegt (${meeting.id}) für ${formatWhen(new Date(meeting.startsAt), 'de')}. ${reached}`
        : `"${meeting.title}" is scheduled (${meeting.id}) for ${formatWhen(new Date(meeting.startsAt), 'en')}. ${reached}`,
    ]);
  },
});
