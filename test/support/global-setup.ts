import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchNeo4j } from '../../graph/neo4j/server/launch.js';
import { CACHE_DIR } from '../../graph/neo4j/server/provision.js';
import { startSynapse } from './synapse/synapse.js';

// Starts the real Neo4j (unless NEO4J_URI names one) and the real Synapse the tests talk to.
// When either cannot start, the whole run fails with the reason: never a skipped suite.

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    synapseUrl: string;
    synapseSecret: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [stopNeo4j, stopSynapse] = await Promise.all([startNeo4jForTests(project), startSynapseForTests(project)]);
  return async () => {
    await Promise.all([stopNeo4j(), stopSynapse()]);
  };
}

async function startNeo4jForTests(project: TestProject): Promise<() => Promise<void>> {
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

async function startSynapseForTests(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-synapse-'));
  const started = Date.now();
  const synapse = await startSynapse(dataDir);
  console.log(`Synapse for the tests is up at ${synapse.url} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  project.provide('synapseUrl', synapse.url);
  project.provide('synapseSecret', synapse.sharedSecret);
  return async () => {
    await synapse.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
