import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../graph/neo4j/server/launch.js';
import { firstLine, hubProcess, npmRun, output, ROOT } from '../support/npm-start.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

// Issue 35: the console chat (npm run chat) on the store of a running hub. What it changes is
// told to people by the running hub, once, as if it had been done through the hub itself, and
// the hub's figures count it without a restart.

describe('the console chat beside a running hub', () => {
  const running: ChildProcess[] = [];
  let smtp: TestSmtp;
  afterAll(async () => {
    running.forEach((c) => c.kill('SIGKILL'));
    await smtp?.stop();
  });

  it('has its request mailed to the KIK by the hub within 30 s, once, and counted in the statistics; its meeting invitations mailed once each', async () => {
    smtp = await startSmtp();
    const port = await freePort();
    const hubUrl = `http://127.0.0.1:${port}`;
    const env = {
      HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-console-delivery-')),
      HUB_PUBLIC_URL: hubUrl,
      HUB_SMTP_URL: smtp.url,
      HUB_MAIL_FROM: 'Integrations-Hub Meißen <hub@kreis-meissen.example>',
    };
    const hub = hubProcess({ ...env, PORT: String(port) });
    running.push(hub);
    await firstLine(hub.stdout!, /Integration hub on the embedded store/);
    const token = (
      await npmRun(
        'token',
        ['create', '--person', 'person:demo-admin', '--access', 'ADMIN', '--label', 'statistics'],
        env,
      )
    )
      .trim()
      .split('\n')
      .at(-1)!;
    const filed = async () => {
      const response = await fetch(`${hubUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: '{ statistics(districtAgs: "14627", from: "2026-01-01", to: "2030-12-31") { topicId requestsFiled } }',
        }),
      });
      const answer = (await response.json()) as {
        data: { statistics: { topicId: string | null; requestsFiled: number }[] };
      };
      // The row without a topic counts every request of the district once.
      return answer.data.statistics.find((row) => row.topicId === null)?.requestsFiled ?? 0;
    };
    const before = await filed();

    const chat = spawn('npm', ['run', 'chat', '--silent', '--', '--as', 'volunteer'], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.push(chat);
    chat.stdin!.end('!anfrage Radebeul Sprache Wer kennt eine Dolmetscherin für Dari?\n');
    const { code, stdout } = await output(chat);
    expect(code).toBe(0);
    const id = /Ihre Anfrage (request:[\w-]+)/.exec(stdout)?.[1];
    expect(id, stdout).toBeDefined();

    const started = Date.now();
    const [mail] = await smtp.waitFor(1, 30_000);
    expect(mail, 'the running hub mailed the KIK').toBeDefined();
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(mail!.subject).toContain('Radebeul');
    expect(mail!.text).toContain('Dolmetscherin für Dari');
    // Exactly once: nothing more comes for it while the hub keeps running its timers.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(smtp.received.filter((m) => (m.text ?? '').includes('Dolmetscherin für Dari'))).toHaveLength(1);

    let after = before;
    for (let i = 0; i < 30 && after === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      after = await filed();
    }
    expect(after).toBe(before + 1);

    // A meeting the Koordinationskraft sets up in the console chat: the running hub sends the
    // invitations by mail, once each.
    const kk = spawn('npm', ['run', 'chat', '--silent', '--', '--as', 'koordinationskraft'], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.push(kk);
    kk.stdin!.end('!treffen "Austausch Dolmetschen" 2.2.2030 10 Uhr Radebeul\n');
    const scheduled = await output(kk);
    expect(scheduled.code).toBe(0);
    expect(scheduled.stdout).not.toMatch(/verschickt|sent/);
    const invitedAt = Date.now();
    const invited = async () => smtp.received.filter((m) => m.subject?.includes('Einladung: „Austausch Dolmetschen“'));
    while ((await invited()).length === 0 && Date.now() - invitedAt < 30_000)
      await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await invited()).length, 'the running hub mailed the invitations').toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const recipients = (await invited()).map((m) =>
      Array.isArray(m.to) ? m.to.map((t) => t.text).join() : m.to?.text,
    );
    expect(new Set(recipients).size).toBe(recipients.length);
  }, 180_000);
});
