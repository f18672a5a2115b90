import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../graph/neo4j/server/launch.js';
import { firstLine, hubProcess, npmRun } from '../support/npm-start.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

// E-mail as `npm start` wires it (issue 19): HUB_SMTP_URL and HUB_MAIL_FROM set, a request filed
// over GraphQL reaches the KIK of the town (not in any chat) by mail from the running hub, and the
// link in it accepts the request on that hub.

describe('npm start with e-mail', () => {
  const running: ChildProcess[] = [];
  let smtp: TestSmtp;
  afterAll(async () => {
    running.forEach((c) => c.kill('SIGKILL'));
    await smtp?.stop();
  });

  it('mails a new request to its KIK and takes the acceptance from the link in the mail', async () => {
    smtp = await startSmtp();
    const port = await freePort();
    const hubUrl = `http://127.0.0.1:${port}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-mail-start-'));
    const hub = hubProcess({
      PORT: String(port),
      HUB_DATA_DIR: dataDir,
      HUB_PUBLIC_URL: hubUrl,
      HUB_SMTP_URL: smtp.url,
      HUB_MAIL_FROM: 'Integrations-Hub Meißen <hub@kreis-meissen.example>',
    });
    running.push(hub);
    await firstLine(hub.stdout!, /Integration hub on the embedded store/);
    const token = (
      await npmRun(
        'token',
        ['create', '--person', 'person:demo-14627-alliance-1-volunteer-1', '--access', 'VOLUNTEER', '--label', 'mail'],
        { HUB_DATA_DIR: dataDir },
      )
    )
      .trim()
      .split('\n')
      .at(-1)!;
    const ask = async (query: string) =>
      (await (
        await fetch(`${hubUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        })
      ).json()) as { data: Record<string, { data?: { id: string }; state?: string }> };

    const filed = await ask(
      'mutation { fileRequest(input: { place: "Radebeul", text: "Wer kennt eine Dolmetscherin für Tigrinya?" }) { ... on MutationFileRequestSuccess { data { id } } } }',
    );
    const id = filed.data.fileRequest!.data!.id;
    const [mail] = await smtp.waitFor(1, 15_000);
    expect(mail, 'the running hub sent the mail').toBeDefined();
    expect(mail!.from?.text).toContain('hub@kreis-meissen.example');
    expect(mail!.subject).toContain('Neue Anfrage für Radebeul');
    const accept = /Annehmen: (http\S+)/.exec(mail!.text ?? '')![1]!;
    expect(accept.startsWith(`${hubUrl}/mail/act?t=`)).toBe(true);

    const response = await fetch(`${hubUrl}/mail/act`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ t: new URL(accept).searchParams.get('t')! }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Sie haben die Anfrage angenommen.');
    const mine = (await ask(`{ request(id: "${id}") { state } }`)).data.request;
    expect(mine).toEqual({ state: 'ACCEPTED' });
  });
});
