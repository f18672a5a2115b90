import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, type Language } from '../../domain/errors.js';
import { decisionTally } from '../meetings/domain/meetings.js';
import type { Minutes } from './minutes.js';
import type { MinutesItem } from './domain/minutes.js';
import { formatWhen } from '../meetings/when.js';
import { escapeHtml, sendPage } from '../../server/html-page.js';

// GET /minutes/<meeting>?t=<signed link>: the minutes of a meeting as a page to read and print,
// for the meeting's person the link was sent to (with the closed minutes).

export async function handleMinutesPage(req: IncomingMessage, res: ServerResponse, minutes: Minutes): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://hub.invalid');
  const language: Language = /^en/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'de';
  const de = language === 'de';
  const meetingId = decodeURIComponent(url.pathname.slice('/minutes/'.length));
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET' }).end();
  try {
    const { protocol, names } = await minutes.printable(meetingId, url.searchParams.get('t') ?? '');
    const { meeting } = protocol;
    const name = (id: string) => escapeHtml(names.get(id) ?? '–');
    const list = (items: string[]) =>
      items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p>–</p>';
    const day = (iso: string) => iso.split('-').reverse().join('.');
    const task = (t: MinutesItem) =>
      `${t.doneAt ? '✓ ' : ''}${escapeHtml(t.text)} (${name(t.ownerId!)}, ${de ? 'bis' : 'due'} ${day(t.due!)})`;
    const sections: [string, string][] = [
      [de ? 'Beschlüsse' : 'Decisions', list(protocol.decisions.map((d) => escapeHtml(d.text)))],
      [
        de ? 'Abstimmungen' : 'Votes',
        list(
          protocol.polls.map((p) => {
            const tally = decisionTally(p);
            return `${escapeHtml(p.question)}: ${p.answers.map((a, i) => `${escapeHtml(a)} ${tally[i]}`).join(', ')}`;
          }),
        ),
      ],
      [de ? 'Aufgaben' : 'Action items', list(protocol.tasks.map(task))],
      [de ? 'Informationen' : 'Information', list(protocol.infos.map((i) => escapeHtml(i.text)))],
    ];
    const title = `${de ? 'Protokoll' : 'Minutes'}: ${meeting.title}`;
    sendPage(
      res,
      200,
      language,
      title,
      [
        `<h1>${escapeHtml(title)}</h1>`,
        `<p>${escapeHtml(formatWhen(new Date(meeting.startsAt), language))} · ${de ? 'Eingeladen von' : 'Invited by'} ${name(meeting.organiserId)}</p>`,
        `<p>${de ? 'Anwesend' : 'Present'}: ${protocol.presentIds.map(name).join(', ') || '–'}<br>${de ? 'Zugesagt' : 'Accepted'}: ${protocol.acceptedIds.map(name).join(', ') || '–'}</p>`,
        ...sections.map(([heading, body]) => `<h2>${heading}</h2>${body}`),
      ].join(''),
    );
  } catch (error) {
    const message =
      error instanceof DomainError
        ? error.localized(language)
        : de
          ? 'Das Protokoll ist gerade nicht abrufbar. Bitte versuchen Sie es später noch einmal.'
          : 'The minutes cannot be shown right now. Please try again later.';
    sendPage(
      res,
      error instanceof DomainError ? 404 : 503,
      language,
      de ? 'Protokoll' : 'Minutes',
      `<p>${escapeHtml(message)}</p>`,
    );
  }
}
