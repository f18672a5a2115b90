import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// The map page, bundled from the project's own sources with esbuild when the hub first serves it:
// no CDN, no outside fonts or tiles, so it works on closed administration networks.

const MAP_DIR = fileURLToPath(new URL('../web/map/', import.meta.url));

interface WebAsset {
  body: string;
  contentType: string;
}

export type WebAssets = Map<string, WebAsset>;

let assets: Promise<WebAssets> | null = null;

export function webAssets(): Promise<WebAssets> {
  assets ??= bundle().catch((error: unknown) => {
    assets = null;
    throw error;
  });
  return assets;
}

async function bundle(): Promise<WebAssets> {
  const [result, html, css] = await Promise.all([
    build({
      entryPoints: [`${MAP_DIR}main.ts`],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      write: false,
      legalComments: 'eof',
      logLevel: 'silent',
    }),
    readFile(`${MAP_DIR}index.html`, 'utf8'),
    readFile(`${MAP_DIR}map.css`, 'utf8'),
  ]);
  return new Map([
    ['/', { body: html, contentType: 'text/html; charset=utf-8' }],
    ['/map.js', { body: result.outputFiles[0]!.text, contentType: 'text/javascript; charset=utf-8' }],
    ['/map.css', { body: css, contentType: 'text/css; charset=utf-8' }],
  ]);
}

// Cytoscape.js adds this one rule as an inline <style>; allowing exactly it by hash keeps
// 'unsafe-inline' out of the policy.
const CYTOSCAPE_STYLE = '.__________cytoscape_container { position: relative; }';
const cytoscapeStyleHash = createHash('sha256').update(CYTOSCAPE_STYLE).digest('base64');

/** Scripts and styles from the hub only; pictures also from data: and blob: URLs (exports). */
export const PAGE_CSP = `default-src 'self'; script-src 'self'; style-src 'self' 'sha256-${cytoscapeStyleHash}'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'`;
