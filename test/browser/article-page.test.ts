import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../graph/neo4j/server/launch.js';
import { createHubServer } from '../../src/server/http.js';
import { axeViolations, launchChromium } from '../support/browser.js';
import { demoHub, type TestHub } from '../support/hub.js';

// An article of the knowledge base (issue 18) in a real Chromium: rendered Markdown without any
// script, accessible (axe), with the text to pass on, and printable without the page's extras.

const KK = 'person:demo-14627-koordinationskraft';

describe('article page', () => {
  let hub: TestHub;
  let server: Server;
  let browser: Browser;
  let hubUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    hubUrl = `http://127.0.0.1:${port}`;
    hub = await demoHub(undefined, { publicUrl: hubUrl });
    server = createHubServer(hub.yoga, {
      maxBodyBytes: 100_000,
      articles: {
        knowledge: hub.services.knowledge,
        links: hub.services.articleLinks,
        identities: hub.services.identities,
      },
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('shows a demo article as an accessible page with the text to pass on, and prints it', async () => {
    const viewer = await hub.services.identities.viewerOfPerson(KK);
    const [hit] = await hub.services.knowledge.search('Unterbringung erste Schritte', viewer);
    const page = await browser.newPage({ locale: 'de-DE' });
    const response = await page.goto(hub.services.articleLinks.url(hit!.article, null)!);
    expect(response!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(hit!.article.title);
    expect(await page.locator('article h2').allTextContents()).toEqual([
      'Wer ist zuständig?',
      'Was vorbereiten?',
      'Kontakt',
    ]);
    expect(await page.locator('article ol li').count()).toBe(3);
    expect(await page.locator('textarea').inputValue()).toMatch(
      /^Unterbringung Geflüchteter .*\n\nWer ist zuständig\?/,
    );
    expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('textarea').isVisible()).toBe(false);
    expect(await page.pdf({ format: 'A4' })).toBeInstanceOf(Buffer);
    await page.close();
  });

  it('passes axe with hostile Markdown and a table, and runs none of it', async () => {
    const viewer = await hub.services.identities.viewerOfPerson(KK);
    const article = await hub.services.knowledge.create(
      {
        title: 'Aushang <b>fett</b>',
        body: '# Überschrift\n\n<script>document.title="pwned"</script>\n\n[Klick](javascript:document.title="pwned")\n\n| A | B |\n|---|---|\n| 1 | 2 |',
        visibility: 'PUBLIC',
      },
      viewer,
    );
    const page = await browser.newPage({ locale: 'de-DE' });
    await page.goto(hub.services.articleLinks.url(article, null)!);
    expect(await page.title()).toBe('Aushang <b>fett</b>');
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
