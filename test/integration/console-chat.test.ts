import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('npm run chat answers each line of its input and exits at the end', () => {
  const result = spawnSync('npm', ['run', 'chat', '--silent', '--', '--as', 'kik'], {
    cwd: join(import.meta.dirname, '../..'),
    input: '!kontakt Coswig\n!status\n!language en\n!contact Radebeul\n',
    env: { ...process.env, NEO4J_URI: '', HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-chat-')) },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(
    /^Ansprechpersonen in Coswig\n.*Kommunale Integrationskoordination für Coswig – E-Mail: /m,
  );
  expect(result.stdout).toContain('Datenbank: embedded – erreichbar');
  expect(result.stdout).toContain('Contacts in Radebeul');
});

it('npm run chat says who will tell the invitees, and never that it told them itself (issue 35)', () => {
  const chat = (env: Record<string, string>) =>
    spawnSync('npm', ['run', 'chat', '--silent', '--', '--as', 'kik'], {
      cwd: join(import.meta.dirname, '../..'),
      input: '!treffen "Austausch Wohnen" 3.3.2031 10 Uhr Radebeul Coswig\n',
      env: { ...process.env, NEO4J_URI: '', HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-chat-')), ...env },
      encoding: 'utf8',
      timeout: 60_000,
    }).stdout;
  const alone = chat({});
  expect(alone).toContain('„Austausch Wohnen“ ist angelegt');
  expect(alone).toContain('Niemand wird davon benachrichtigt');
  expect(alone).not.toMatch(/erhalten eine Direktnachricht|informiert|verschickt/);
  const withMail = chat({ HUB_SMTP_URL: 'smtp://127.0.0.1:9', HUB_MAIL_FROM: 'Hub <hub@example.org>' });
  expect(withMail).toContain('stellt der laufende Hub zu');
  expect(withMail).not.toMatch(/erhalten eine Direktnachricht|informiert|verschickt/);
});
