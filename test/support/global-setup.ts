import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchNeo4j } from '../../graph/neo4j/server/launch.js';
import { CACHE_DIR } from '../../graph/neo4j/server/provision.js';

// Starts the real Neo4j the Neo4j tests talk to, unless NEO4J_URI names one. When it cannot
// start, the whole run fails with the reason: a missing database is never a skipped suite.

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.NEO4J_URI) {
    project.provide('neo4jUri', process.env.NEO4J_URI);
    return async () => {};
  }
  const homeDir = join(CACHE_DIR, `test-${process.pid}`);
  const started = Date.now();
  const neo4j = await launchNeo4j({ homeDir });
  console.log(`Neo4j for the tests is up at ${neo4j.uri} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  project.provide('neo4jUri', neo4j.uri);
  return async () => {
    await neo4j.stop();
    rmSync(homeDir, { recursive: true, force: true });
  };
}
