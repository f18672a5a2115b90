import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { expandCommandRefs } from '../../bots/core/command-refs.js';
import { wordNotice } from '../../bots/core/notice-texts.js';
import { COMMANDS } from '../../bots/commands/index.js';
import * as errors from '../../src/domain/errors.js';
import type { DomainError, Language } from '../../src/domain/errors.js';
import * as meetingErrors from '../../src/features/meetings/domain/meetings.js';
import * as mailErrors from '../../src/services/mail/domain/mail.js';
import * as requestErrors from '../../src/features/requests/domain/requests.js';
import type { HubNotice } from '../../src/services/chat/notifiers.js';
import { UndoNotPossible } from '../../src/features/undo/domain/undo-errors.js';
import { NOTICE_EXAMPLES } from '../support/notice-examples.js';
import { wordingProblems } from '../support/wording.js';

// Issue 35: every notice, every error and every command's help, in German and English, read as a
// coordinator who never saw the code would read it. The rules are in docs/wording.md.

const ROOT = resolve(import.meta.dirname, '../..');
const LANGUAGES: Language[] = ['de', 'en'];

function problemsOf(label: string, texts: Record<Language, string>): string[] {
  return LANGUAGES.flatMap((l) => wordingProblems(texts[l], l).map((p) => `${label} (${l}): ${p} — ${texts[l]}`));
}

/** One example of every error people can meet, as the code throws it. */
const ERROR_EXAMPLES: DomainError[] = [
  new errors.KikLimitReached('Meißen', 10),
  new errors.KoordinationskraftTaken('Landkreis Meißen'),
  new errors.KikRequiresLandkreis('Dresden'),
  new errors.ProjectOutsideDistrict('Sprachcafé', 'Görlitz', 'Landkreis Meißen'),
  new errors.PeriodInvalid('2027-03-01', '2027-01-31'),
  new errors.KikServesOutsideDistrict('Lena Hoffmann', 'Görlitz'),
  new errors.MunicipalityRequiresLandkreis('Radebeul', 'Dresden'),
  new errors.RoleScopeInvalid('KIK', ['District']),
  new errors.RoleScopeInvalid('ADMIN', []),
  new errors.LinkEndpointsInvalid('SERVES', {
    en: 'a person (KIK) and a municipality',
    de: 'eine Person (KIK) und eine Gemeinde',
  }),
  new errors.NotFound('Municipality', 'Radebeull', ['Radebeul']),
  new errors.NotFound('FundingCall', 'Integration 2027'),
  new errors.DuplicateId('municipality:14627-radebeul'),
  new errors.InvalidInput('languages.0', 'must be a language code', {
    field: 'Sprachen (1. Eintrag)',
    problem: 'ist keine bekannte Sprache',
  }),
  new errors.ImportRowInvalid(7, 'the district is not known', 'der Kreis ist nicht bekannt'),
  new errors.StoreUnavailable('Neo4j'),
  new errors.StoreCorrupt('/var/hub/hub.sqlite', 'file is not a database'),
  new errors.NotAllowed('end roles in another district', 'keine Rollen in einem anderen Kreis beenden'),
  new errors.NotSignedIn(),
  new errors.EditConflict('Radebeul', 3, 4, 'Lena Hoffmann', '06.12.2026, 14:05'),
  new errors.HasDependants('Radebeul', [{ what: 'roles', count: 2 }]),
  new errors.HasDependants('Radebeul', [{ what: 'history', count: 1 }]),
  new errors.AccountAlreadyLinked('person:lena', 1),
  new errors.AlreadyEnded('Role', '2026-11-30'),
  new errors.MergeAcrossDistricts('Radebeul', 'Görlitz'),
  new meetingErrors.DateUnclear('nächsten Freitag', { en: 'Which Friday?', de: 'Welcher Freitag?' }),
  new meetingErrors.DateInPast('on 1 December 2026', 'am 01.12.2026'),
  new meetingErrors.MeetingNeedsConfirmation(
    ['Anna Weber has another meeting then'],
    ['Anna Weber hat dann einen anderen Termin'],
  ),
  new meetingErrors.MeetingOutsideDistrict('Görlitz'),
  new meetingErrors.NotInvited('Austausch Kita'),
  new meetingErrors.NoMeetingRunning(),
  new meetingErrors.PollChoiceInvalid(3),
  new meetingErrors.PollAlreadyFixed('Austausch Kita'),
  new meetingErrors.NoVideoService(),
  new meetingErrors.NotASeries('Austausch Kita'),
  new meetingErrors.DecisionChoiceInvalid(2),
  new meetingErrors.DecisionClosed('Sommerfest?'),
  new meetingErrors.NoOpenDecision('Austausch Kita'),
  new mailErrors.MailLinkInvalid(),
  new mailErrors.MailLinkExpired(),
  new mailErrors.MailLinkUsed(),
  new requestErrors.RequestNotRoutable('Radebeul'),
  new requestErrors.RequestNotYours(),
  new requestErrors.RequestClosed('RESOLVED'),
  new requestErrors.RequestRouteRefused(),
  new requestErrors.RequestChanged(),
  new UndoNotPossible('tooOld'),
  new UndoNotPossible('notUndoable'),
];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

it('words every notice for people: no ids, code names, enum values, foreign words or ISO dates', () => {
  const problems = (Object.values(NOTICE_EXAMPLES) as HubNotice[]).flatMap((notice) => {
    const worded = Object.fromEntries(LANGUAGES.map((l) => [l, wordNotice(notice, l)])) as Record<
      Language,
      ReturnType<typeof wordNotice>
    >;
    return [
      ...problemsOf(notice.type, { de: worded.de.text, en: worded.en.text }),
      ...worded.de.actions.flatMap((action, i) =>
        problemsOf(`${notice.type} button ${i + 1}`, { de: action.label, en: worded.en.actions[i]!.label }),
      ),
    ];
  });
  expect(problems).toEqual([]);
});

it('words every error for people, and has an example of every error code there is', () => {
  const codes = ['src', 'bots'].flatMap(sources).flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    return [...text.matchAll(/readonly code = '([A-Z_]+)'/g)].map((m) => m[1]!);
  });
  const exampled = new Set(ERROR_EXAMPLES.map((e) => e.code));
  // NotFound's code is made of the kind; TitleNeedsQuotes is the schedule command's own, shown in chat.
  expect(codes.filter((c) => !exampled.has(c) && c !== 'TITLE_NEEDS_QUOTES')).toEqual([]);
  const problems = ERROR_EXAMPLES.flatMap((error) =>
    problemsOf(error.code, { de: error.localized('de'), en: error.localized('en') }),
  );
  expect(problems).toEqual([]);
});

it("words every command's help for people in German and English", () => {
  const problems = COMMANDS.flatMap((command) => [
    ...problemsOf(`${command.name.en} summary`, command.summary),
    ...(command.options ?? []).flatMap((option) =>
      problemsOf(`${command.name.en} option ${option.name.en}`, option.description),
    ),
  ]);
  expect(problems).toEqual([]);
  // Usage and examples are what one types: they name commands, not prose, and must read as typed.
  for (const command of COMMANDS) {
    for (const l of LANGUAGES) expect(expandCommandRefs(command.usage[l], l, COMMANDS)).toMatch(/^!/);
  }
});

it('catches what people met before (issue 35)', () => {
  const seen: [string, Language][] = [
    ['languages.0: must be a language code such as "de"', 'de'],
    ['Änderung: languages=de,ru,uk', 'de'],
    ['Ihre Anfrage request:0196f051 wurde angenommen.', 'de'],
    ['Weitergeleitet: KIK of the municipality', 'de'],
    ['Rolle ROUTED_REQUEST beendet', 'de'],
    ['Diese Rolle ist bereits seit 2026-11-30 beendet.', 'de'],
    ['Your request was forwarded und angenommen.', 'en'],
  ];
  for (const [text, language] of seen) expect(wordingProblems(text, language), text).not.toEqual([]);
  expect(
    wordingProblems('Ihre Anfrage zu Radebeul („Wer dolmetscht Dari?“) wurde von Lena Hoffmann angenommen.', 'de'),
  ).toEqual([]);
});
