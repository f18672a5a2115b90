import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { LAUNCHER_SOURCE, neo4jClasspath } from './provision.js';

// Starts Neo4j Community in a child JVM with Bolt on a loopback port and waits until it answers.

export interface RunningNeo4j {
  uri: string;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  homeDir: string;
  /** A fixed port; by default a free one is picked. */
  port?: number;
  heap?: string;
  timeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function launchNeo4j(options: LaunchOptions): Promise<RunningNeo4j> {
  const classpath = neo4jClasspath();
  const port = options.port ?? (await freePort());
  mkdirSync(options.homeDir, { recursive: true });
  const child = spawn(
    'java',
    [
      `-Xmx${options.heap ?? '1g'}`,
      '-XX:+UseParallelGC',
      '-cp',
      classpath,
      LAUNCHER_SOURCE,
      options.homeDir,
      String(port),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const uri = await waitForReady(child, options.timeoutMs ?? 180_000, () => stderr.join('').slice(-3000));
  return { uri, stop: () => stop(child) };
}

function waitForReady(child: ChildProcess, timeoutMs: number, log: () => string): Promise<string> {
  return new Promise((resolveUri, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Neo4j did not start within ${timeoutMs / 1000} s.\n${log()}`));
    }, timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^NEO4J_READY (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolveUri(match[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Neo4j exited with code ${code} before it was ready.\n${log()}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolveStop();
    });
    child.stdin!.end();
  });
}
