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
