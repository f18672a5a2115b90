import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// `npm start` and the project's other scripts, run as a newcomer runs them.

export const ROOT = join(import.meta.dirname, '../..');

export function npmStart(env: Record<string, string>): ChildProcess {
  return spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** What `npm start` runs, without npm in between, so signals (kill -9, a second SIGTERM) reach the hub itself. */
export function hubProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function firstLine(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  return new Promise((resolve) =>
    createInterface({ input: stream }).on('line', (line) => pattern.test(line) && resolve(line)),
  );
}

export function output(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c));
  child.stderr!.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Runs `npm run <script> -- args` and returns what it printed; a non-zero exit is an error. */
export async function npmRun(script: string, args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result = await output(child);
  if (result.code !== 0) throw new Error(`npm run ${script} failed: ${result.stderr}`);
  return result.stdout;
}
