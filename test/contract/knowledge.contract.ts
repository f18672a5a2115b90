import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import type { Viewer } from '../../src/services/access/domain/access.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { KnowledgeBase } from '../../src/features/knowledge/knowledge-base.js';
import { NameIndex } from '../../src/services/reads/name-index.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { LANDKREIS, smallNetwork } from '../support/mothers.js';
import type { StoreFactory } from '../support/stores.js';

// The knowledge base on each store: full-text search over stemmed terms (German word forms,
// umlauts, typos), ranking by title, visibility, versions and the edit conflict.

const COORDINATOR: Viewer = {
  personId: 'person:kik-1',
  access: 'COORDINATOR',
  districtAgs: LANDKREIS,
  personalData: true,
  roles: ['KIK'],
};
const MEMBER: Viewer = { ...COORDINATOR, personId: 'person:volunteer', access: 'VOLUNTEER', roles: ['VOLUNTEER'] };
const ANYONE: Viewer = { personId: null, access: null, districtAgs: null, personalData: false, roles: [] };

export function knowledgeContract(factory: StoreFactory): void {
  describe(`KnowledgeStore contract: ${factory.name}`, () => {
    let store: GraphStore;
    let knowledge: KnowledgeBase;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      if (dispose) await dispose();
      ({ store, dispose } = await factory.open());
      await new NetworkWriter(store, { kikLimitPerLandkreis: 3 }).apply(smallNetwork(), {
        actor: SYSTEM,
        action: 'seed',
      });
      // Each write a second after the one before, so "newest first" has one answer.
      let tick = Date.parse('2026-12-01T08:00:00.000Z');
      knowledge = new KnowledgeBase(store, new NameIndex(store), () => new Date((tick += 1000)));
      await knowledge.create(
        {
          title: 'Unterbringung Geflüchteter: erste Schritte',
          body: 'Wer bringt unter? Die **Gemeinschaftsunterkunft** des Kreises, dann Wohnungen der Gemeinden.',
          topics: ['Sprache'],
          districtAgs: LANDKREIS,
          visibility: 'PUBLIC',
        },
        COORDINATOR,
      );
      await knowledge.create(
        {
          title: 'Elternbrief in einfacher Sprache',
          body: 'Vorlage für einen Brief an Eltern. Erwähnt auch die Unterbringung nur am Rande.',
          kind: 'TEMPLATE',
          visibility: 'NETWORK',
        },
        COORDINATOR,
      );
      await knowledge.create(
        { title: 'Presse nach dem Nachbarschaftstreffen', body: 'Interne Checkliste.', visibility: 'COORDINATORS' },
        COORDINATOR,
      );
    });
    afterAll(async () => dispose?.());

    const titles = async (text: string, viewer: Viewer) =>
      (await knowledge.search(text, viewer)).map((f) => f.article.title);

    it('finds other word forms, folds umlauts and ranks a title match first', async () => {
      expect(await titles('unterbringen', MEMBER)).toEqual([
        'Unterbringung Geflüchteter: erste Schritte',
        'Elternbrief in einfacher Sprache',
      ]);
      expect(await titles('Gefluechtete', MEMBER)).toEqual(['Unterbringung Geflüchteter: erste Schritte']);
      expect(await titles('Eltern Briefe', MEMBER)).toEqual(['Elternbrief in einfacher Sprache']);
    });

    it('forgives a typo and finds nothing in words it does not hold', async () => {
      expect((await titles('unterbringng', MEMBER))[0]).toBe('Unterbringung Geflüchteter: erste Schritte');
      expect(await titles('Fahrradwerkstatt', MEMBER)).toEqual([]);
    });

    it('shows each reader only what they may read', async () => {
      expect(await titles('Unterbringung', ANYONE)).toEqual(['Unterbringung Geflüchteter: erste Schritte']);
      expect(await titles('Presse', MEMBER)).toEqual([]);
      expect(await titles('Presse', COORDINATOR)).toEqual(['Presse nach dem Nachbarschaftstreffen']);
      await expect(
        knowledge.readable((await knowledge.search('Presse', COORDINATOR))[0]!.article.id, MEMBER),
      ).rejects.toMatchObject({ code: 'ARTICLE_NOT_FOUND' });
    });

    it('keeps every version with who changed it, and refuses a change to a version read before', async () => {
      const [first] = await knowledge.search('Elternbrief', MEMBER);
      const changed = await knowledge.update(
        first!.article.id,
        { version: 1, title: 'Elternbrief in Leichter Sprache', note: 'Leichte Sprache' },
        COORDINATOR,
      );
      expect(changed.version).toBe(2);
      await expect(
        knowledge.update(first!.article.id, { version: 1, title: 'Anders' }, COORDINATOR),
      ).rejects.toMatchObject({ code: 'EDIT_CONFLICT' });
      const versions = await knowledge.versions(first!.article.id, MEMBER);
      expect(versions.map((v) => [v.version, v.title, v.changedBy, v.note])).toEqual([
        [2, 'Elternbrief in Leichter Sprache', 'person:kik-1', 'Leichte Sprache'],
        [1, 'Elternbrief in einfacher Sprache', 'person:kik-1', null],
      ]);
      expect(await titles('leicht', MEMBER)).toEqual(['Elternbrief in Leichter Sprache']);
      expect(await titles('einfacher', MEMBER), 'the old title is no longer indexed').toEqual([]);
    });

    it('forgets an erased author and editor, keeping the texts', async () => {
      const [first] = await knowledge.search('Elternbrief', MEMBER);
      await knowledge.update(
        first!.article.id,
        { version: 1, body: 'Neu.' },
        { ...COORDINATOR, personId: 'person:kk-1' },
      );
      await store.knowledge.forgetArticleAuthor('person:kik-1');
      const [article] = await store.knowledge.articlesByIds([first!.article.id]);
      expect(article).toMatchObject({ authorId: null, updatedBy: 'person:kk-1', body: 'Neu.' });
      expect((await store.knowledge.articleVersions(first!.article.id)).map((v) => [v.version, v.changedBy])).toEqual([
        [2, 'person:kk-1'],
        [1, null],
      ]);
      const others = await store.knowledge.listArticles({ limit: 10 });
      expect(others.every((a) => a.authorId === null)).toBe(true);
    });

    it('lists articles of a topic and of a district, newest first', async () => {
      const ofTopic = await knowledge.list({ topic: 'Sprache' }, MEMBER);
      expect(ofTopic.map((a) => a.title)).toEqual(['Unterbringung Geflüchteter: erste Schritte']);
      const ofDistrict = await knowledge.list({ districtAgs: '99999' }, COORDINATOR);
      expect(
        ofDistrict.map((a) => a.title),
        'articles for the whole network count everywhere',
      ).toEqual(['Presse nach dem Nachbarschaftstreffen', 'Elternbrief in einfacher Sprache']);
    });

    it('refuses writing to anybody but coordinators, and unknown topics with the closest names', async () => {
      await expect(knowledge.create({ title: 'x', body: 'y' }, MEMBER)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
      await expect(
        knowledge.create({ title: 'Titel', body: 'Text', topics: ['Fahrradreparatur'] }, COORDINATOR),
      ).rejects.toMatchObject({ code: 'TOPIC_NOT_FOUND' });
    });
  });
}
