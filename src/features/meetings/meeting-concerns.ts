import type { MeetingStore, NetworkStore } from '../../domain/ports/graph-store.port.js';
import { endsAt, MeetingNeedsConfirmation, type Meeting } from './domain/meetings.js';
import { publicHoliday } from './holidays.js';
import { formatWhen } from './when.js';

// What an organiser is asked to confirm before a meeting is set up: a public holiday on its day,
// and people who already have another meeting then (titles only of the organiser's own meetings;
// others' appointments stay private).

export async function checkConcerns(
  store: NetworkStore & { readonly meetings: Pick<MeetingStore, 'meetingsOf'> },
  meetings: Meeting[],
): Promise<void> {
  const en: string[] = [];
  const de: string[] = [];
  const first = meetings[0]!;
  for (const meeting of meetings) {
    const holiday = publicHoliday(new Date(meeting.startsAt), meeting.districtAgs.slice(0, 2));
    if (!holiday) continue;
    en.push(`${formatWhen(new Date(meeting.startsAt), 'en')} is a public holiday (${holiday}).`);
    de.push(`${formatWhen(new Date(meeting.startsAt), 'de')} ist ein Feiertag (${holiday}).`);
  }
  const people = [first.organiserId, ...first.inviteeIds];
  const others = await store.meetings.meetingsOf(people, first.startsAt, endsAt(meetings[meetings.length - 1]!));
  const overlaps = (a: Meeting, b: Meeting) => a.startsAt < endsAt(b) && b.startsAt < endsAt(a);
  const busy = others.filter((other) => other.state === 'SCHEDULED' && meetings.some((m) => overlaps(m, other)));
  if (busy.length) {
    const named = await store.entitiesByIds([
      ...new Set(busy.flatMap((m) => [m.organiserId, ...m.inviteeIds]).filter((p) => people.includes(p))),
    ]);
    const names = named
      .filter((p) => p !== null)
      .map((p) => p!.name)
      .join(', ');
    // Titles only of meetings the organiser takes part in: others' appointments stay private.
    const organiser = first.organiserId;
    const titleOf = (m: Meeting, language: 'de' | 'en') => {
      const known = m.organiserId === organiser || m.inviteeIds.includes(organiser);
      const title = known
        ? language === 'de'
          ? `„${m.title}“`
          : `"${m.title}"`
        : language === 'de'
          ? 'einen anderen Termin'
          : 'another appointment';
      return meetings.length > 1 ? `${title} (${formatWhen(new Date(m.startsAt), language)})` : title;
    };
    const titles = [...new Set(busy.map((m) => titleOf(m, 'de')))];
    const titlesEn = [...new Set(busy.map((m) => titleOf(m, 'en')))];
    const many = named.filter((p) => p !== null).length > 1;
    en.push(`At that time ${names} already ${many ? 'have' : 'has'} ${titlesEn.join(', ')}.`);
    de.push(`Zu der Zeit ${many ? 'haben' : 'hat'} ${names} bereits ${titles.join(', ')}.`);
  }
  if (en.length) throw new MeetingNeedsConfirmation(en, de);
}
