import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../graph/neo4j/server/launch.js';
import { firstLine, hubProcess, npmRun, npmStart, output } from '../support/npm-start.js';

// `npm start` as a newcomer runs it: a fresh data directory, the embedded store, GraphQL.

describe('npm start', () => {
  const running: ChildProcess[] = [];
  afterAll(() => running.forEach((c) => c.kill('SIGKILL')));

  it('serves the 13 Saxon districts from a fresh data directory, and refuses a taken port in one line', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-start-'));
    const hub = npmStart({ PORT: String(port), HUB_DATA_DIR: dataDir });
    running.push(hub);
    const ready = await firstLine(hub.stdout!, /Integration hub on the embedded store/);
    expect(ready).toContain(`http://127.0.0.1:${port}/graphql`);

    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ districts { ags name kind } }' }),
    });
    const { data } = (await response.json()) as { data: { districts: { ags: string; name: string; kind: string }[] } };
    expect(data.districts.map((d) => d.ags)).toEqual([
      '14511',
      '14521',
      '14522',
      '14523',
      '14524',
      '14612',
      '14625',
      '14626',
      '14627',
      '14628',
      '14713',
      '14729',
      '14730',
    ]);
    expect(data.districts.find((d) => d.ags === '14713')).toEqual({
      ags: '14713',
      name: 'Leipzig',
      kind: 'KREISFREIE_STADT',
    });
    // Finding 10 of issue 16: /healthz named the host and the process id.
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({
      status: 'ok',
      runsChatBotsAndTimers: expect.any(Boolean),
    });

    const second = await output(
      npmStart({ PORT: String(port), HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-start-')) }),
    );
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toBe(`Port ${port} is already in use; set PORT to a free port.`);

    const stopped = output(hub);
    hub.kill('SIGTERM');
    expect((await stopped).code).toBe(0);
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${port}/healthz`).then(
            () => 'answering',
            () => 'stopped',
          ),
        { timeout: 10_000 },
      )
      .toBe('stopped');
  });

  it('bounds the heap of the hub: about 1 GiB by default, HUB_MAX_HEAP_MB on request (issue 20)', async () => {
    // V8 sizes its heap from the machine's memory (over 4 GiB here) and, under load, grew the hub
    // at Germany scale to 1.7 GB resident though it holds about 320 MB.
    const heapOf = async (env: Record<string, string>) => {
      const hub = npmStart({
        PORT: String(await freePort()),
        HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-heap-')),
        ...env,
      });
      running.push(hub);
      const line = await firstLine(hub.stdout!, /Heap limit/);
      hub.kill('SIGTERM');
      return Number(/Heap limit: (\d+) MiB/.exec(line)?.[1]);
    };
    const byDefault = await heapOf({});
    expect(byDefault).toBeGreaterThanOrEqual(1024);
    expect(byDefault).toBeLessThan(1300);
    const smaller = await heapOf({ HUB_MAX_HEAP_MB: '600' });
    expect(smaller).toBeGreaterThanOrEqual(600);
    expect(smaller).toBeLessThan(800);
  });

  it('says in one line when Neo4j is unreachable', async () => {
    const result = await output(npmStart({ PORT: '0', NEO4J_URI: 'bolt://127.0.0.1:9' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Neo4j at bolt://127.0.0.1:9 is unreachable; start it (npm run neo4j) or unset NEO4J_URI to use the embedded store.',
    );
  });

  it('logs JSON lines with request ids and no personal data, and exits at once on a second SIGTERM', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-start-'));
    const hub = hubProcess({ PORT: String(port), HUB_DATA_DIR: dataDir });
    running.push(hub);
    const logged = output(hub);
    await firstLine(hub.stdout!, /Integration hub on the embedded store/);
    const token = (
      await npmRun('token', ['create', '--person', 'person:demo-admin', '--access', 'ADMIN', '--label', 'log test'], {
        HUB_DATA_DIR: dataDir,
      })
    )
      .trim()
      .split('\n')
      .at(-1)!;
    const secret = { name: 'Erika Mustermann-Geheim', email: 'erika.geheim@example.invalid' };
    const ask = (query: string) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'trace-42' },
        body: JSON.stringify({ query }),
      });
    await ask(
      `mutation { addPerson(input: { name: "${secret.name}", channels: [{ channel: EMAIL, value: "${secret.email}", visibility: PRIVATE }] }) { __typename } }`,
    );
    await ask(`{ contacts(municipality: "${secret.name}") { name } }`);
    await ask(`mutation { addPerson(input: { name: "${secret.name}", languages: [42] }) { __typename } }`);

    // A live subscription keeps the graceful stop waiting; meanwhile no new request is taken.
    const stream = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'subscription { networkChanged { action } }' }),
    });
    void stream
      .body!.getReader()
      .read()
      .catch(() => undefined);
    hub.kill('SIGTERM');
    await expect
      .poll(() =>
        fetch(`http://127.0.0.1:${port}/healthz`).then(
          () => 'answering',
          () => 'refused',
        ),
      )
      .toBe('refused');
    expect(hub.exitCode).toBeNull();
    const signalled = Date.now();
    hub.kill('SIGTERM');
    const { code, stdout, stderr } = await logged;
    expect(code).toBe(1);
    expect(Date.now() - signalled).toBeLessThan(2_000);
    const lines = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; reqId?: string; path?: string });
    expect(lines.filter((l) => l.reqId === 'trace-42' && l.path === '/graphql')).toHaveLength(3);
    for (const text of [stdout, stderr]) {
      expect(text).not.toContain(secret.email);
      expect(text).not.toContain('Mustermann');
      expect(text).not.toContain(token);
    }
  });
});
