import { join } from 'node:path';
import { launchNeo4j } from './launch.js';
import { CACHE_DIR, MissingTool } from './provision.js';

// `npm run neo4j`: a local Neo4j for development, kept in .cache/neo4j/dev, until Ctrl-C.

const port = Number(process.env.NEO4J_PORT ?? 7687);
try {
  // A Germany-scale seed writes ~350,000 records in one transaction: give it room.
  const neo4j = await launchNeo4j({ homeDir: join(CACHE_DIR, 'dev'), port, heap: process.env.NEO4J_HEAP ?? '6g' });
  console.log(
    `Neo4j is up. Load the demo network (or import your own) and start the hub on it with:\n  NEO4J_URI=${neo4j.uri} npm run seed\n  NEO4J_URI=${neo4j.uri} npm start\nPress Ctrl-C to stop.`,
  );
  const shutdown = () => void neo4j.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  console.error(error instanceof MissingTool ? error.message : `Neo4j could not start: ${(error as Error).message}`);
  process.exit(1);
}
