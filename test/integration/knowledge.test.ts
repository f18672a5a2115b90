import { once } from 'node:events';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubServer } from '../../src/server/http.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { consoleChat } from '../support/console-chat.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';

// The knowledge base of issue 18 on each store, through chat, GraphQL and the article page: the
// demo articles are found with a typo, each reader sees what they may, changes are versioned,
// and hostile Markdown never reaches the page as code.

const KK = 'person:demo-14627-koordinationskraft';
const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';

describe.each(storeFactories)('the knowledge base on the $name store', (factory) => {
  let hub: TestHub;
  let dispose: () => Promise<void>;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    await opened.store.deleteEverything();
    hub = await demoHub(opened.store, { publicUrl: 'http://hub.test' });
    server = createHubServer(hub.yoga, {
      maxBodyBytes: 100_000,
      articles: {
        knowledge: hub.services.knowledge,
        links: hub.services.articleLinks,
        identities: hub.services.identities,
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    server?.close();
    await dispose?.();
  });

  const local = (url: string) => url.replace('http://hub.test', base);

  it('finds the demo article on accommodation with !wissen, even written "unterbringng", the asker’s district first', async () => {
    const say = consoleChat(hub, { kk: KK });
    const answer = await say('kk', '!wissen unterbringng');
    expect(answer).toContain('Gefunden zu „unterbringng“:');
    expect(answer).toMatch(
      /1\. Unterbringung Geflüchteter im Landkreis Meißen: die ersten Schritte \(Leitfaden\) – http:\/\/hub\.test\/articles\//,
    );
    expect(answer.split('\n').filter((l) => /^\d\. /.test(l))).toHaveLength(3);
    const english = await say('kk', '!knowledge Dolmetschen Krankenhaus');
    expect(english).toContain('Checkliste: Dolmetschen im Krankenhaus (Checkliste)');
    expect(await say('kk', '!wissen Fahrradwerkstatt')).toContain('Zu „Fahrradwerkstatt“ habe ich nichts gefunden.');
  });

  it('ranks, limits and corrects typos over the articles the reader may read only (issue 32, class 4)', async () => {
    const kk = bearer(await hub.token('DISTRICT_COORDINATOR', KK, { districtAgs: '14627' }));
    const create = async (title: string, body: string, visibility: string) => {
      const answer = await gql(
        hub.yoga,
        'mutation($input: ArticleInput!) { createArticle(input: $input) { __typename } }',
        { input: { title, body, topics: ['Sprache'], visibility } },
        kk,
      );
      expect(answer.data?.createArticle.__typename).toBe('MutationCreateArticleSuccess');
    };
    const anonymousSearch = async (text: string, first = 10) =>
      (
        await gql(
          hub.yoga,
          `{ searchKnowledge(text: "${text}", first: ${first}) { ... on QuerySearchKnowledgeSuccess { data { score article { title } } } } }`,
        )
      ).data!.searchKnowledge.data as { score: number; article: { title: string } }[];

    await create('Kleiderkammer Wasserrohrbruch', 'Öffnungszeiten nach dem Wasserrohrbruch im Keller.', 'PUBLIC');
    const before = await anonymousSearch('Wasserrohrbruch');
    expect(before.map((h) => h.article.title)).toEqual(['Kleiderkammer Wasserrohrbruch']);

    // Coordinators write more on the same word, and one of them misspells another.
    for (let i = 1; i <= 12; i++)
      await create(`Wasserrohrbruch intern ${i}`, 'Wasserrohrbruch Wasserrohrbruch: wer zahlt?', 'COORDINATORS');
    await create('Spenden intern', 'Die Kleiderkamer bekommt Spenden.', 'COORDINATORS');

    const after = await anonymousSearch('Wasserrohrbruch', 1);
    expect(
      after.map((h) => h.article.title),
      'the hidden articles take no place in the limit',
    ).toEqual(['Kleiderkammer Wasserrohrbruch']);
    expect(after[0]!.score, 'nor change the score').toBeCloseTo(before[0]!.score, 6);
    expect(
      (await anonymousSearch('Kleiderkamer')).map((h) => h.article.title),
      'a typo is corrected towards the words the reader may read',
    ).toEqual(['Kleiderkammer Wasserrohrbruch']);
  });

  it('shows a group room public articles only, and a direct chat a link signed for its reader', async () => {
    const inGroup = consoleChat(hub, { kk: KK }, { inGroupRoom: true });
    const group = await inGroup('kk', '!wissen Elternbrief Kita');
    expect(group).toContain('habe ich nichts gefunden');
    const direct = await consoleChat(hub, { kk: KK })('kk', '!wissen Elternbrief Kita');
    expect(direct).toMatch(
      /Elternbrief in einfacher Sprache: Anmeldung in der Kita .+ – http:\/\/hub\.test\/articles\/\S+\?t=/,
    );
    const anonymous = await consoleChat(hub, {})('stranger', '!wissen Pressenotiz Nachbarschaftstreffen');
    expect(anonymous).toContain('habe ich nichts gefunden');
  });

  it('lets coordinators write and change articles over GraphQL, every version kept; members read, never write', async () => {
    const kk = bearer(await hub.token('DISTRICT_COORDINATOR', KK, { districtAgs: '14627' }));
    const member = bearer(await hub.token('VOLUNTEER', VOLUNTEER));
    const created = await gql(
      hub.yoga,
      `mutation($input: ArticleInput!) { createArticle(input: $input) {
        ... on MutationCreateArticleSuccess { data { id version url visibility topics { name } district { name } } }
        ... on HubError { code message } } }`,
      {
        input: {
          title: 'Dolmetscherpool im Landkreis Meißen',
          body: 'Wer dolmetscht **Dari** und *Paschtu*? Liste beim Kreis.',
          topics: ['Sprache'],
          districtAgs: '14627',
          visibility: 'NETWORK',
        },
      },
      kk,
    );
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const article = created.data!.createArticle.data;
    expect(article).toMatchObject({
      version: 1,
      visibility: 'NETWORK',
      topics: [{ name: 'Sprache und Dolmetschen' }],
      district: { name: 'Meißen' },
    });
    const refused = await gql(
      hub.yoga,
      `mutation { createArticle(input: { title: "x", body: "y" }) { ... on HubError { code } } }`,
      {},
      member,
    );
    expect(refused.data?.createArticle ?? refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ALLOWED' });
    const changed = await gql(
      hub.yoga,
      `mutation($id: ID!) { updateArticle(id: $id, input: { version: 1, body: "Dari, Paschtu und Farsi.", note: "Farsi" }) {
        ... on MutationUpdateArticleSuccess { data { version versions { version note changedBy { name } } } }
        ... on HubError { code } } }`,
      { id: article.id },
      kk,
    );
    const updated = changed.data!.updateArticle.data;
    expect(updated.version).toBe(2);
    expect(updated.versions.map((v: { version: number; note: string | null }) => [v.version, v.note])).toEqual([
      [2, 'Farsi'],
      [1, null],
    ]);
    const stale = await gql(
      hub.yoga,
      `mutation($id: ID!) { updateArticle(id: $id, input: { version: 1, title: "Alt" }) { ... on HubError { code message } } }`,
      { id: article.id },
      kk,
    );
    expect(stale.data!.updateArticle.code).toBe('EDIT_CONFLICT');
    const found = await gql(
      hub.yoga,
      '{ searchKnowledge(text: "farsi paschtu") { ... on QuerySearchKnowledgeSuccess { data { article { title } } } } }',
      {},
      member,
    );
    expect(found.data!.searchKnowledge.data[0].article.title).toBe('Dolmetscherpool im Landkreis Meißen');
    const anonymous = await gql(
      hub.yoga,
      `{ article(id: "${article.id}") { ... on QueryArticleSuccess { data { title } } } }`,
    );
    expect(anonymous.data!.article, 'a network article is not shown to anonymous callers').toBeNull();
  });

  it('serves a public article as a page, any other only through its reader’s signed link', async () => {
    const [publicHit] = await hub.services.knowledge.search(
      'Aushang Sprechzeiten',
      await hub.services.identities.viewerOfPerson(KK),
    );
    const page = await fetch(`${base}/articles/${encodeURIComponent(publicHit!.article.id)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<table>');
    expect(html).toContain('Zum Weitergeben');

    const viewer = await hub.services.identities.viewerOfPerson(KK);
    const [networkHit] = await hub.services.knowledge.search('Elternbrief Kita', viewer);
    const plain = await fetch(`${base}/articles/${encodeURIComponent(networkHit!.article.id)}`);
    expect(plain.status).toBe(404);
    const signed = hub.services.articleLinks.url(networkHit!.article, KK)!;
    expect((await fetch(local(signed))).status).toBe(200);
    expect((await fetch(local(signed.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))))).status).toBe(404);
  });

  it('renders hostile Markdown as text: no script, no javascript: link, no event handler', async () => {
    const viewer = await hub.services.identities.viewerOfPerson(KK);
    const article = await hub.services.knowledge.create(
      {
        title: 'Test <script>alert(1)</script>',
        body: '<script>alert(1)</script>\n\n[Klick](javascript:alert(1)) [gut](https://example.org)\n\n<img src=x onerror=alert(1)>\n\n<a href="javascript:alert(2)">x</a>',
        visibility: 'PUBLIC',
      },
      viewer,
    );
    const html = await (await fetch(`${base}/articles/${encodeURIComponent(article.id)}`)).text();
    // As tags: the same words shown as text are harmless.
    expect(html).not.toMatch(/<script|<img|<a [^>]*href="javascript|<[^>]+ onerror=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">gut</a>');
  });

  it('lists the articles a person wrote in their export, and forgets them as author on erasure', async () => {
    const viewer = await hub.services.identities.viewerOfPerson(KK);
    const exported = (await hub.services.personalData.export(viewer)) as { articlesWritten: { title: string }[] };
    expect(exported.articlesWritten.map((a) => a.title)).toContain(
      'Unterbringung Geflüchteter im Landkreis Meißen: die ersten Schritte',
    );
    const [hit] = await hub.services.knowledge.search('Unterbringung erste Schritte', viewer);
    await hub.services.personalData.erase(KK, SYSTEM);
    const [after] = await hub.store.knowledge.articlesByIds([hit!.article.id]);
    expect(after).toMatchObject({ authorId: null, title: hit!.article.title });
    expect((await hub.store.knowledge.articleVersions(hit!.article.id)).every((v) => v.changedBy !== KK)).toBe(true);
  });
});
