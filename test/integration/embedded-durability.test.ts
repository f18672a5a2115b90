import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { smallNetwork } from '../support/mothers.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'hub-durable-'));

describe('the embedded store on disk', () => {
  it('keeps what was written across a reopen', async () => {
    const dir = fresh();
    const first = EmbeddedStore.open(dir);
    await new NetworkWriter(first, { kikLimitPerLandkreis: 10 }).apply(smallNetwork(), {
      actor: SYSTEM,
      action: 'seed',
    });
    await first.close();
    const second = EmbeddedStore.open(dir);
    expect((await second.counts()).links).toBe(3);
    await second.close();
  });

  it('refuses a corrupt file with a clear error and leaves it untouched', () => {
    const dir = fresh();
    const file = join(dir, 'hub.sqlite');
    writeFileSync(file, 'this is not a database, but somebody cares about it'.repeat(100));
    expect(() => EmbeddedStore.open(dir)).toThrow(/The data file .*hub\.sqlite cannot be read .*restore a backup/);
    expect(readFileSync(file, 'utf8')).toMatch(/^this is not a database/);
  });

  it('keeps every confirmed write when the process is killed with SIGKILL', async () => {
    const dir = fresh();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../support/write-until-killed.ts'), dir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const confirmed: string[] = [];
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        confirmed.push(line.trim());
        if (confirmed.length === 40) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const store = EmbeddedStore.open(dir);
    const found = await store.entitiesByIds(confirmed);
    expect(found.filter((e) => e === null)).toEqual([]);
    await store.close();
  });
});
