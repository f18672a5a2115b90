import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../bots/core/identities.js';
import { parseLine } from '../../bots/core/parse-line.js';
import { toHtml } from '../../bots/core/render.js';
import { matchName, nameKey } from '../../src/domain/names.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';
import { HOSTILE_INPUTS } from './corpus.js';
import { articleHtml } from '../../src/features/knowledge/markdown.js';

describe('the command parser and name matching under arbitrary input', () => {
  it('parses any text without throwing, into a lower-case command and its words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const line = parseLine(text);
        if (line === null) return true;
        return line.command === line.command.toLowerCase() && line.args.every((a) => !a.includes('"'));
      }),
    );
  });

  it('matches names without throwing, only ever answering with candidates, and always finds an exact name', () => {
    const towns = ['Radebeul', 'Radeberg', 'Meißen', 'Görlitz', 'Bad Schandau'];
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (query) => {
        const result = matchName(query, towns, (t) => t);
        return (
          (result.match === null || towns.includes(result.match)) && result.suggestions.every((s) => towns.includes(s))
        );
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...towns), (town) => matchName(town.toUpperCase(), towns, (t) => t).match === town),
    );
    fc.assert(fc.property(fc.string(), (text) => nameKey(nameKey(text)) === nameKey(text)));
  });
});

describe.each(storeFactories)('hostile input on the $name store', (factory) => {
  let hub: TestHub;
  let member: Record<string, string>;
  beforeAll(async () => {
    hub = await demoHub((await factory.open()).store);
    member = bearer(await hub.token('VOLUNTEER', 'person:demo-14627-alliance-1-volunteer-1'));
  });

  it('answers every chat command with a harmless, escaped reply', async () => {
    const identities = new ChatIdentities(hub.store);
    const dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: 'http://hub.test',
      status: () => ({ transport: 'matrix', connected: true, syncLagSeconds: 0, lastError: null }),
    });
    const user = { transport: 'matrix' as const, userId: '@mallory:hub.test' };
    identities.trust(user, 'person:demo-14627-alliance-1-volunteer-1');
    for (const command of [
      'kontakt',
      'wer',
      'netzwerk',
      'anfrage Radebeul Sprache',
      'zusage',
      'treffen "x"',
      'wissen',
      'projekte',
    ]) {
      for (const input of HOSTILE_INPUTS) {
        const answer = await dispatcher.handle({ user, text: `!${command} ${input}`, inGroupRoom: true });
        expect(answer, `!${command} ${input.slice(0, 30)}`).not.toBeNull();
        const html = toHtml(answer!.reply);
        expect(html).not.toMatch(/<script|<img/i);
        expect(html).not.toContain('Da ist etwas schiefgegangen');
      }
    }
  });

  it('keeps every hostile input written into an article harmless on its page (issue 18)', async () => {
    const coordinator = bearer(
      await hub.token('DISTRICT_COORDINATOR', 'person:demo-14627-koordinationskraft', { districtAgs: '14627' }),
    );
    for (const input of HOSTILE_INPUTS) {
      const answer = await gql(
        hub.yoga,
        `mutation ($text: String!) { createArticle(input: { title: $text, body: $text, visibility: PUBLIC }) {
          __typename ... on MutationCreateArticleSuccess { data { id body } } ... on HubError { code } } }`,
        { text: input },
        coordinator,
      );
      expect(answer.errors, input.slice(0, 30)).toBeUndefined();
      const result = answer.data!.createArticle as { data?: { body: string }; code?: string };
      if (!result.data) {
        expect(result.code, input.slice(0, 30)).toBe('INVALID_INPUT');
        continue;
      }
      const html = articleHtml(result.data.body);
      expect(html, input.slice(0, 30)).not.toMatch(
        /<(script|img|svg|iframe)|<a [^>]*href="(javascript|data):|<[^>]+ on\w+=/i,
      );
    }
    const search = await gql(hub.yoga, '{ searchKnowledge(text: "javascript alert") { __typename } }');
    expect(search.errors).toBeUndefined();
  });

  it('answers every GraphQL field with data or a typed error, never an unexpected one', async () => {
    for (const input of HOSTILE_INPUTS) {
      const variables = { text: input };
      const answers = await Promise.all([
        gql(hub.yoga, 'query ($text: String!) { contacts(municipality: $text) { role } }', variables),
        gql(hub.yoga, 'query ($text: String!) { search(text: $text) { __typename } }', variables),
        gql(hub.yoga, 'query ($text: String!) { searchKnowledge(text: $text) { __typename } }', variables),
        gql(
          hub.yoga,
          'query ($text: String!) { municipalities(text: $text, first: 5) { edges { node { name } } } }',
          variables,
        ),
        gql(
          hub.yoga,
          'mutation ($text: String!) { fileRequest(input: { place: "Radebeul", text: $text }) { __typename ... on HubError { code } } }',
          variables,
          member,
        ),
        gql(
          hub.yoga,
          'mutation ($text: String!) { addPerson(input: { name: $text }) { __typename ... on HubError { code } } }',
          variables,
          member,
        ),
      ]);
      for (const answer of answers) {
        for (const error of answer.errors ?? []) {
          expect(error.message, input.slice(0, 30)).not.toBe('Unexpected error.');
          expect(error.extensions?.code, input.slice(0, 30)).toBeDefined();
        }
      }
    }
  });
});
