import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Resolves Neo4j Community from Maven Central into ~/.m2 (once) and remembers its classpath.

const LAUNCHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../launcher');
export const LAUNCHER_SOURCE = join(LAUNCHER_DIR, 'Neo4jLauncher.java');
const POM = join(LAUNCHER_DIR, 'pom.xml');
export const CACHE_DIR = resolve(LAUNCHER_DIR, '../../../.cache/neo4j');

export class MissingTool extends Error {}

function requireTool(command: string, args: string[], hint: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new MissingTool(`Neo4j needs ${hint}, and "${command}" was not found or failed. ${installHint(command)}`);
  }
  return `${result.stdout}${result.stderr}`;
}

function installHint(command: string): string {
  return command === 'java'
    ? 'Install a Java 17 (or newer) runtime, e.g. "apt-get install openjdk-17-jdk-headless", or set NEO4J_URI to a Neo4j you run yourself.'
    : 'Install Apache Maven, e.g. "apt-get install maven", or set NEO4J_URI to a Neo4j you run yourself.';
}

/** The classpath of Neo4j Community, downloading it on first use. */
export function neo4jClasspath(): string {
  const javaVersion = requireTool('java', ['-version'], 'Java 17 or newer');
  const major = Number(/version "(\d+)/.exec(javaVersion)?.[1] ?? '0');
  if (major < 17)
    throw new MissingTool(`Neo4j 5.26 needs Java 17 or newer; found Java ${major}. ${installHint('java')}`);

  const classpathFile = join(CACHE_DIR, 'classpath.txt');
  const fresh = existsSync(classpathFile) && statSync(classpathFile).mtimeMs > statSync(POM).mtimeMs;
  if (fresh) {
    const classpath = readFileSync(classpathFile, 'utf8').trim();
    if (classpath.split(':').every((jar) => existsSync(jar))) return classpath;
  }
  requireTool('mvn', ['--version'], 'Apache Maven to download it');
  mkdirSync(CACHE_DIR, { recursive: true });
  console.error('Resolving Neo4j Community from Maven Central (first run only, about 150 MB)...');
  const result = spawnSync(
    'mvn',
    ['-B', '-q', '-f', POM, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `Maven could not resolve Neo4j from Maven Central:\n${(result.stdout + result.stderr).slice(-2000)}`,
    );
  }
  return readFileSync(classpathFile, 'utf8').trim();
}
