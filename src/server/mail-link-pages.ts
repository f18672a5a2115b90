import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, type Language } from '../domain/errors.js';
import type { MailActions } from '../services/mail/mail-actions.js';
import { escapeHtml as escape, sendPage } from './html-page.js';

// /mail/act?t=<signed link>: GET shows what the link would do and a button; only the POST acts
// (a mail scanner that opens every link changes nothing). A POST with "List-Unsubscribe=One-Click"
// (RFC 8058) unsubscribes without the page. Pages are small HTML without scripts.

const MAX_BODY = 8_192;

export async function handleMailLink(req: IncomingMessage, res: ServerResponse, actions: MailActions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://hub.invalid');
  const fallback: Language = /^en/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'de';
  const page = (status: number, language: Language, title: string, body: string) =>
    sendPage(res, status, language, title, `<h1>${escape(title)}</h1>${body}`);
  const failed = (error: unknown) => {
    if (error instanceof DomainError)
      return page(
        error.code === 'MAIL_LINK_USED' ? 409 : 400,
        fallback,
        heading(fallback),
        `<p>${escape(error.localized(fallback))}</p>`,
      );
    page(
      503,
      fallback,
      heading(fallback),
      `<p>${fallback === 'de' ? 'Das geht gerade nicht. Bitte versuchen Sie es später noch einmal.' : 'This is not possible right now. Please try again later.'}</p>`,
    );
  };
  try {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const token = url.searchParams.get('t') ?? '';
      const { link, question, takesNote } = await actions.describe(token);
      const de = link.language === 'de';
      const note = takesNote
        ? `<p><label for="note">${de ? 'Notiz (freiwillig)' : 'Note (optional)'}</label><br><textarea id="note" name="note" rows="4" cols="50" maxlength="500"></textarea></p>`
        : '';
      return page(
        200,
        link.language,
        heading(link.language),
        `<p>${escape(question).replace(/\n/g, '<br>')}</p><form method="post" action="/mail/act"><input type="hidden" name="t" value="${escape(token)}">${note}<p><button type="submit">${de ? 'Ja, bestätigen' : 'Yes, confirm'}</button></p></form>`,
      );
    }
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'GET, POST' }).end();
    const form = new URLSearchParams(await readBody(req));
    const token = form.get('t') ?? url.searchParams.get('t') ?? '';
    const { link } = await actions.describe(token);
    const done = await actions.perform(token, form.get('note'));
    page(200, link.language, heading(link.language), `<p role="status">${escape(done)}</p>`);
  } catch (error) {
    failed(error);
  }
}

const heading = (language: Language) => (language === 'de' ? 'Integrations-Hub' : 'Integration hub');

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_BODY) return '';
  }
  return text;
}
