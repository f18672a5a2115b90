import { expect, it } from 'vitest';
import { expandCommandRefs } from '../../../bots/core/command-refs.js';
import { wordNotice } from '../../../bots/core/notice-texts.js';
import { COMMANDS } from '../../../bots/commands/index.js';
import type { HubNotice } from '../../../src/services/chat/notifiers.js';
import { NOTICE_EXAMPLES as EXAMPLES } from '../../support/notice-examples.js';

// Every notice a service can give is worded in German and English by the one table in bots/core,
// with commands the reader can type. A new notice type without an example (test/support/
// notice-examples.ts) fails to compile.

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
    'Neue Anfrage für Radebeul (Thema Gesundheit, von Anna Weber): „Wer dolmetscht Dari?“\nAnnehmen: !annehmen request:ab12cd34',
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
    'Ihre Anfrage zu Radebeul („Wer dolmetscht Dari?“) wurde von Mira Hoffmann angenommen – „Ich melde mich morgen“. Ihre Anfragen und wer sie bearbeitet: !anfragen',
  );
  expect(closed).not.toContain('request:');
  const forwarded = wordNotice(EXAMPLES.ownRequestForwarded, 'de').text;
  expect(forwarded).toBe('Ihre Anfrage zu Radebeul („Wer dolmetscht Dari?“) wurde weitergeleitet an Jana Berger.');
});
