import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { EmbeddedStore } from '../../../graph/embedded/embedded-store.js';
import { SYSTEM } from '../../../src/services/access/domain/authorization.js';
import { districtId } from '../../../src/domain/ids.js';
import { NetworkReviser } from '../../../src/services/lifecycle/network-reviser.js';
import { NetworkWriter } from '../../../src/services/writes/network-writer.js';
import { LANDKREIS, smallNetwork } from '../../support/mothers.js';
import { rollBackEmbedded } from '../../support/embedded-rollback.js';

// A data file written by the release before roles and links had end dates (schema version 7)
// opens with everything in it, and its roles and links can then be ended.

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Turns a current store file back into the shape release 7 wrote. */
function asWrittenByVersion7(file: string): void {
  rollBackEmbedded(file, 8);
  const db = new Database(file);
  db.exec(`
    DROP INDEX roles_ended; DROP INDEX links_ended;
    ALTER TABLE roles DROP COLUMN since; ALTER TABLE roles DROP COLUMN until; ALTER TABLE links DROP COLUMN until; ALTER TABLE entities DROP COLUMN until;
    DELETE FROM schema_migrations WHERE version >= 8;
  `);
  expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 7 });
  db.close();
}

it('brings a store of the previous release to the new format on open and finds everything', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-migration-'));
  dirs.push(dir);
  const old = EmbeddedStore.open(dir);
  await new NetworkWriter(old, { kikLimitPerLandkreis: 10 }).apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
  const before = {
    counts: await old.counts(),
    roles: await old.rolesInScopes([districtId(LANDKREIS)]),
    snapshot: await old.networkSnapshot(),
  };
  await old.close();
  asWrittenByVersion7(EmbeddedStore.file(dir));

  const store = EmbeddedStore.open(dir);
  expect(await store.counts()).toEqual(before.counts);
  expect(await store.rolesInScopes([districtId(LANDKREIS)])).toEqual(before.roles);
  expect(await store.networkSnapshot()).toEqual(before.snapshot);
  expect(await store.knowledge.knowledgeTerms('COORDINATORS'), 'the knowledge base is there, empty').toEqual([]);
  await new NetworkReviser(store, { kikLimitPerLandkreis: 10 }).endRole({ id: 'role:kik-1' }, null, SYSTEM);
  const [roles] = await store.lifecycle.allRolesOfPersons(['person:kik-1']);
  const ended = roles![0];
  expect(ended).toMatchObject({ id: 'role:kik-1', until: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  await store.close();
});

it('fills the search index of each reading level from the articles a store of release 9 holds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-migration-'));
  dirs.push(dir);
  const old = EmbeddedStore.open(dir);
  const article = (id: string, title: string, visibility: 'PUBLIC' | 'NETWORK' | 'COORDINATORS') => ({
    id,
    title,
    body: '',
    kind: 'HOWTO' as const,
    topicIds: [],
    districtAgs: null,
    municipalityId: null,
    visibility,
    language: 'de' as const,
    authorId: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    updatedBy: null,
    version: 1,
  });
  for (const [id, word, visibility] of [
    ['article:a', 'offen', 'PUBLIC'],
    ['article:b', 'mitglied', 'NETWORK'],
    ['article:c', 'intern', 'COORDINATORS'],
  ] as const) {
    const saved = article(id, word, visibility);
    const version = {
      articleId: id,
      version: 1,
      title: word,
      body: '',
      changedBy: null,
      changedAt: saved.updatedAt,
      note: null,
    };
    await old.knowledge.saveArticle(saved, version, { title: word, body: '' });
  }
  await old.close();
  rollBackEmbedded(EmbeddedStore.file(dir), 9);

  const store = EmbeddedStore.open(dir);
  expect((await store.knowledge.knowledgeTerms('PUBLIC')).sort()).toEqual(['offen']);
  expect((await store.knowledge.knowledgeTerms('NETWORK')).sort()).toEqual(['mitglied', 'offen']);
  expect((await store.knowledge.knowledgeTerms('COORDINATORS')).sort()).toEqual(['intern', 'mitglied', 'offen']);
  expect((await store.knowledge.searchArticles(['intern'], 10, 'NETWORK')).length).toBe(0);
  await store.close();
});

it('keeps the role ends a store of release 19 had scheduled when record ends and mergers can be scheduled too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-migration-'));
  dirs.push(dir);
  EmbeddedStore.open(dir).close();
  rollBackEmbedded(EmbeddedStore.file(dir), 19);
  const db = new Database(EmbeddedStore.file(dir));
  db.prepare(
    `INSERT INTO scheduled_changes (id, kind, role_id, person_id, role, scope_id, successor_id, effective_on,
       scheduled_by, scheduled_at, state, settled_at, settled_by)
     VALUES ('scheduled:old1', 'endRole', 'role:kik-1', 'person:kik-1', 'KIK', 'municipality:1', 'person:vol-1',
       '2027-01-31', 'person:kk', '2026-12-01T10:00:00.000Z', 'SCHEDULED', NULL, NULL)`,
  ).run();
  db.prepare(
    "INSERT INTO scheduled_change_districts (change_id, district_ags) VALUES ('scheduled:old1', '14627')",
  ).run();
  db.close();

  const store = EmbeddedStore.open(dir);
  const kept = {
    id: 'scheduled:old1',
    kind: 'endRole',
    roleId: 'role:kik-1',
    personId: 'person:kik-1',
    role: 'KIK',
    scopeId: 'municipality:1',
    successorId: 'person:vol-1',
    effectiveOn: '2027-01-31',
    districtAgs: ['14627'],
    scheduledBy: 'person:kk',
    scheduledAt: '2026-12-01T10:00:00.000Z',
    state: 'SCHEDULED',
    settledAt: null,
    settledBy: null,
  };
  expect(await store.scheduledChanges.upcomingChanges(['14627'])).toEqual([kept]);
  expect(await store.scheduledChanges.upcomingChangesOf(['role:kik-1'])).toEqual([kept]);
  await store.close();
});
